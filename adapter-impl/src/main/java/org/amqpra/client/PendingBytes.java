package org.amqpra.client;

import org.amqpra.wire.WireWriter;

/**
 * The bytes a connection has encoded but not yet handed to the socket, and the running counts
 * that let a caller wait until its own bytes are written, whoever writes them. Two buffers take
 * turns: while one is being written, commands are appended to the other. Owns no lock: every
 * call is made with {@link FrameOutput}'s buffer lock held.
 */
final class PendingBytes {
    static final int BUFFER_INITIAL = 16 * 1024;

    /**
     * A buffer larger than this after a write is replaced by a small one. It is above what steady
     * bursts reach (the back-pressure bound plus a message, rounded up by doubling), so that only
     * a huge message, not a busy publisher, costs a new array.
     */
    private final int keep;

    private WireWriter buf = new WireWriter(BUFFER_INITIAL);
    private WireWriter spare = new WireWriter(BUFFER_INITIAL);
    /** Bytes taken out for writing, and bytes of those written, in total since the connection opened. */
    private long taken;

    private long written;

    PendingBytes(int keep) {
        this.keep = keep;
    }

    /** The buffer commands are appended to now. */
    WireWriter buffer() {
        return buf;
    }

    int size() {
        return buf.position();
    }

    /** The running position just after the last byte appended. */
    long end() {
        return taken + buf.position();
    }

    /** Whether every byte up to {@code end} (a value of {@link #end()}) is on the socket. */
    boolean writtenUpTo(long end) {
        return written >= end;
    }

    /** Takes everything pending out for writing; later appends go to the other buffer. */
    WireWriter take() {
        WireWriter out = buf;
        buf = spare;
        taken += out.position();
        return out;
    }

    /** The write of a taken buffer ended: counts its bytes if it succeeded and reuses the buffer. */
    void returned(WireWriter out, boolean writtenOk) {
        if (writtenOk) {
            written += out.position();
        }
        if (out.capacity() > keep) {
            out.shrinkTo(BUFFER_INITIAL);
        } else {
            out.reset();
        }
        spare = out;
    }

    /** {@code n} bytes went to the socket from the buffer and beyond it (a large body's frames). */
    void writtenDirectly(long n) {
        taken += n;
        written += n;
    }
}
