package org.amqpra.client;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that records every socket write instead of making it, and says it reports the
 * reader's waits (the test plays the reader through {@link #readWaits()}). For unit tests of the
 * write path without a broker.
 */
final class RecordingTransport implements Transport {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream staged = new ByteArrayOutputStream();
    private final List<Integer> writeSizes = new ArrayList<>();
    private final int stageCapacity;
    private Transport.ReadWaits readWaits;

    RecordingTransport() {
        this(64 * 1024);
    }

    RecordingTransport(int stageCapacity) {
        this.stageCapacity = stageCapacity;
    }

    /** Bytes written so far. */
    synchronized int written() {
        return bytes.size();
    }

    /** Everything written so far. */
    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** The size of each socket write, in order. */
    synchronized List<Integer> writeSizes() {
        return new ArrayList<>(writeSizes);
    }

    /** The listener the frame output registered for the reader's waits. */
    Transport.ReadWaits readWaits() {
        return readWaits;
    }

    @Override
    public boolean watchReadWaits(ReadWaits l) {
        readWaits = l;
        return true;
    }

    @Override
    public InputStream input() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream output() {
        return bytes;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        writeSizes.add(len);
    }

    @Override
    public int stageCapacity() {
        return stageCapacity;
    }

    @Override
    public synchronized void stage(byte[] b, int off, int len) {
        if (staged.size() + len > stageCapacity) {
            throw new IllegalStateException("staged more than the capacity");
        }
        staged.write(b, off, len);
    }

    @Override
    public synchronized void sendStaged() {
        writeSizes.add(staged.size());
        bytes.writeBytes(staged.toByteArray());
        staged.reset();
    }

    @Override
    public void close() {}
}
