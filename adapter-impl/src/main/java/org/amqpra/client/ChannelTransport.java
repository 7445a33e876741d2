package org.amqpra.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * A transport over a non-blocking {@link SocketChannel}, for plain TCP connections.
 *
 * <p>Why a channel: staged writes go from a direct buffer to the socket. A socket's stream
 * copies every heap array into a temporary direct buffer before the system call, so a body
 * copied into the pending buffer was copied twice in user space; staged from the caller's
 * array it is copied once (what that saves: {@code bench/DESIGN-MEASUREMENTS.md}).
 *
 * <p>Why non-blocking: a blocking channel is closed when a thread blocked in it, or entering
 * it, is interrupted (an {@code InterruptibleChannel}), and the connection is shared by every
 * channel and thread that uses it. Application threads write here, and containers interrupt them
 * (transaction reapers, cancelled tasks), so an interrupt must not end the connection. Here a
 * thread waits for readiness in a selector of its own; an interrupt only wakes it, the wait goes
 * on, and the thread's interrupt status is set again when the call returns. Stalls are bounded
 * by whoever closes the transport: the opening watchdog, the heartbeat monitor's write watchdog,
 * or a missed heartbeat.
 */
final class ChannelTransport implements Transport {
    private static final Consumer<SelectionKey> IGNORE_KEY = key -> {};
    private final SocketChannel ch;
    private final ByteBuffer stage = ByteBuffer.allocateDirect(SegmentSizing.MAX_WRITE);
    private volatile ReadWaits readWaits;
    private final ChannelInput input = new ChannelInput();
    private final Object selectors = new Object();
    /** Guarded by {@code selectors}; opened when a read or a write first has to wait. */
    private Selector readSelector;

    private Selector writeSelector;
    private SelectionKey writeKey;
    private boolean closed;

    private ChannelTransport(SocketChannel ch) {
        this.ch = ch;
    }

    /** An unconnected transport: closing it (the opening watchdog) fails {@link #connect}. */
    static ChannelTransport open() throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new ChannelTransport(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Connects, waiting as long as it takes (the opening watchdog bounds it by closing). */
    void connect(InetSocketAddress address) throws IOException {
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        boolean interrupted = false;
        try {
            if (!ch.connect(address)) {
                while (!ch.finishConnect()) {
                    interrupted |= await(SelectionKey.OP_CONNECT);
                }
            }
        } finally {
            restore(interrupted);
        }
    }

    /** The socket, for its options and addresses only (its streams refuse a non-blocking channel). */
    Socket socket() {
        return ch.socket();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ChannelTransport.this.write(b, off, len);
            }
        };
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int cap = stage.capacity();
        for (int end = off + len; off < end; off += cap) {
            stage(b, off, Math.min(cap, end - off));
            sendStaged();
        }
    }

    @Override
    public boolean watchReadWaits(ReadWaits listener) {
        readWaits = listener;
        return true;
    }

    @Override
    public int stageCapacity() {
        return stage.capacity();
    }

    @Override
    public void stage(byte[] b, int off, int len) {
        stage.put(b, off, len);
    }

    @Override
    public void sendStaged() throws IOException {
        stage.flip();
        boolean interrupted = false;
        try {
            while (stage.hasRemaining()) {
                if (ch.write(stage) == 0) {
                    interrupted |= await(SelectionKey.OP_WRITE); // the socket's send buffer is full
                }
            }
        } finally {
            stage.clear();
            restore(interrupted);
        }
    }

    @Override
    public void close() {
        Selector r;
        Selector w;
        synchronized (selectors) {
            closed = true;
            r = readSelector;
            w = writeSelector;
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
        // Closing a selector wakes a thread waiting in it; it also releases the channel's
        // registration, without which the JDK defers closing the socket itself.
        closeQuietly(r);
        closeQuietly(w);
    }

    /**
     * Waits until the channel is ready for {@code op} (or may be: a wake-up without readiness
     * returns too, the caller retries). Returns whether the thread was interrupted, with the
     * interrupt cleared so that the next wait blocks again; the caller sets it back.
     */
    private boolean await(int op) throws IOException {
        Selector sel = selector(op);
        try {
            sel.select(IGNORE_KEY); // the action form: no selected-key set to add to and clear
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
        if (!ch.isOpen()) {
            throw new ClosedChannelException();
        }
        return Thread.interrupted();
    }

    private Selector selector(int op) throws IOException {
        synchronized (selectors) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (op == SelectionKey.OP_READ) {
                if (readSelector == null) {
                    Selector s = Selector.open();
                    ch.register(s, op);
                    readSelector = s;
                }
                return readSelector;
            }
            if (writeSelector == null) {
                Selector s = Selector.open();
                writeKey = ch.register(s, op);
                writeSelector = s;
            } else if (writeKey.interestOps() != op) {
                writeKey.interestOps(op); // OP_CONNECT while opening, OP_WRITE after
            }
            return writeSelector;
        }
    }

    private static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Selector s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Reads into the caller's array (the frame reader's buffer, the same one every time). */
    private final class ChannelInput extends InputStream {
        private byte[] wrapped;
        private ByteBuffer wrapper;
        /** Whether the last read returned less than asked for, that is, found the socket empty. */
        private boolean drained;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (b != wrapped) {
                wrapper = ByteBuffer.wrap(b);
                wrapped = b;
            }
            ByteBuffer dst = wrapper;
            dst.clear();
            dst.limit(off + len).position(off);
            boolean interrupted = false;
            try {
                if (drained) {
                    // The last read emptied the socket: wait first. Reading first would mostly
                    // fail, and make a read that waits three system calls instead of two.
                    interrupted = awaitReadable();
                }
                int n;
                while ((n = ch.read(dst)) == 0) {
                    interrupted |= awaitReadable();
                }
                drained = n < len;
                return n;
            } finally {
                restore(interrupted);
            }
        }

        @Override
        public void close() {
            ChannelTransport.this.close();
        }

        private boolean awaitReadable() throws IOException {
            ReadWaits listener = readWaits;
            if (listener == null) {
                return await(SelectionKey.OP_READ);
            }
            listener.waiting();
            try {
                return await(SelectionKey.OP_READ);
            } finally {
                listener.resumed();
            }
        }
    }
}
