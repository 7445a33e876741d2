package org.amqpra.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A transport over a {@link Socket}'s streams: the TLS connections' ({@code SSLSocket} writes
 * records, so staging only gathers the parts into one write of the socket's stream).
 */
final class StreamTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] stage = new byte[SegmentSizing.MAX_WRITE];
    private int staged;

    StreamTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public int stageCapacity() {
        return stage.length;
    }

    @Override
    public void stage(byte[] b, int off, int len) {
        System.arraycopy(b, off, stage, staged, len);
        staged += len;
    }

    @Override
    public void sendStaged() throws IOException {
        int n = staged;
        staged = 0;
        out.write(stage, 0, n);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
