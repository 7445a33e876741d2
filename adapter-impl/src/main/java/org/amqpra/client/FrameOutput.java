package org.amqpra.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.BasicProperties;
import org.amqpra.ReplyInfo;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.WireWriter;

/**
 * The write side of a connection. Every command (a method, or a publish's method, header and
 * body frames) is encoded and written under one lock, so frames of two commands never
 * interleave. Small commands are coalesced: a writer that sees other writers queued behind it
 * leaves its bytes in the buffer for the last one to flush in a single socket write.
 */
final class FrameOutput {
    /** Bodies at least this large are written from the caller's array instead of being copied. */
    private static final int DIRECT_WRITE_THRESHOLD = 32 * 1024;
    /** Flush once this much is buffered even if more writers are waiting. */
    private static final int FLUSH_THRESHOLD = 64 * 1024;
    private static final int BUFFER_KEEP = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final OutputStream out;
    private final WireWriter buf = new WireWriter(16 * 1024);
    private final long lockTimeoutNanos;
    private volatile long frameMax = Frame.MIN_FRAME_MAX;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long writeStartedNanos;

    FrameOutput(OutputStream out, long lockTimeoutNanos) {
        this.out = out;
        this.lockTimeoutNanos = lockTimeoutNanos;
    }

    void setFrameMax(long frameMax) {
        this.frameMax = frameMax;
    }

    /** When the last bytes went to the socket. */
    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** When the socket write in progress started, 0 if none: the heartbeat monitor's watchdog. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** Writes one method frame. */
    void sendMethod(int channel, AmqpMethod m) throws IOException {
        sendMethod(channel, m, null);
    }

    /**
     * Writes one method frame. {@code guard}, when not null, runs first under the write lock and
     * may throw to cancel the write: a channel checks its state there, so that no method can be
     * written after the channel's close or close-ok, which also go through this lock.
     */
    void sendMethod(int channel, AmqpMethod m, Runnable guard) throws IOException {
        acquire();
        int mark = buf.position();
        try {
            if (guard != null) {
                guard.run();
            }
            FrameEncoder.method(buf, channel, m);
        } catch (RuntimeException badArgument) {
            buf.truncate(mark);
            release();
            throw badArgument;
        }
        flushUnlessOthersWaitingAndRelease();
    }

    /**
     * Writes a publish: method, header and body frames, contiguous. {@code guard} as in
     * {@link #sendMethod(int, AmqpMethod, Runnable)}. {@code sequence}, when not
     * null, is called after encoding succeeded and before the bytes are written, under the same
     * lock: confirm sequence numbers then follow wire order and a publish that fails to encode
     * does not consume one.
     *
     * @return the sequence number assigned, or 0
     */
    long sendPublish(int channel, String exchange, String routingKey, boolean mandatory, boolean immediate,
                     BasicProperties props, byte[] body, Runnable guard, LongSupplier sequence) throws IOException {
        acquire();
        int mark = buf.position();
        boolean released = false;
        try {
            if (guard != null) {
                guard.run();
            }
            try {
                FrameEncoder.publish(buf, channel, exchange, routingKey, mandatory, immediate);
                FrameEncoder.header(buf, channel, 60, body.length, props);
            } catch (RuntimeException badArgument) {
                buf.truncate(mark);
                throw badArgument;
            }
            long seq = sequence == null ? 0 : sequence.getAsLong();
            long fm = frameMax;
            // Body frames are split at frame_max - 8 (header and end octet); 0 = unlimited.
            int chunk = fm == 0 ? Math.max(1, body.length) : (int) (fm - Frame.OVERHEAD);
            for (int off = 0; off < body.length; off += chunk) {
                int len = Math.min(chunk, body.length - off);
                FrameEncoder.bodyHeader(buf, channel, len);
                if (len >= DIRECT_WRITE_THRESHOLD) {
                    writeBuffer();
                    writeDirect(body, off, len);
                } else {
                    buf.bytes(body, off, len);
                }
                buf.octet(Frame.FRAME_END);
            }
            released = true;
            flushUnlessOthersWaitingAndRelease();
            return seq;
        } finally {
            if (!released) {
                release();
            }
        }
    }

    /** Writes a basic.ack without building a method object; {@code guard} as for sendMethod. */
    void sendAck(int channel, long deliveryTag, boolean multiple, Runnable guard) throws IOException {
        acquire();
        try {
            guard.run();
        } catch (RuntimeException notWritable) {
            release();
            throw notWritable;
        }
        FrameEncoder.ack(buf, channel, deliveryTag, multiple);
        flushUnlessOthersWaitingAndRelease();
    }

    /** Writes a heartbeat frame now. */
    void sendHeartbeat() throws IOException {
        acquire();
        FrameEncoder.heartbeat(buf);
        flushUnlessOthersWaitingAndRelease();
    }

    /**
     * Heartbeat monitor tick: flushes bytes a departed writer left behind and sends a heartbeat
     * if nothing was written for {@code idleNanos}. Never waits for the lock.
     */
    void tick(long idleNanos) throws IOException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (buf.position() == 0 && idleNanos > 0 && System.nanoTime() - lastWriteNanos >= idleNanos) {
                FrameEncoder.heartbeat(buf);
            }
            if (buf.position() > 0) {
                writeBuffer();
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    private void acquire() {
        try {
            if (!lock.tryLock(lockTimeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new AmqpTimeoutException(ReplyInfo.local(0, "could not write to the connection within "
                        + TimeUnit.NANOSECONDS.toMillis(lockTimeoutNanos) + " ms (socket write stalled)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted while waiting to write"));
        }
    }

    private void release() {
        lock.unlock();
    }

    private void flushUnlessOthersWaitingAndRelease() throws IOException {
        try {
            if (!lock.hasQueuedThreads() || buf.position() >= FLUSH_THRESHOLD) {
                writeBuffer();
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeBuffer() throws IOException {
        if (buf.position() == 0) {
            return;
        }
        writeDirect(buf.array(), 0, buf.position());
        if (buf.capacity() > BUFFER_KEEP) {
            buf.shrinkTo(16 * 1024);
        } else {
            buf.reset();
        }
    }

    private void writeDirect(byte[] b, int off, int len) throws IOException {
        writeStartedNanos = System.nanoTime();
        try {
            out.write(b, off, len);
        } finally {
            writeStartedNanos = 0;
            lastWriteNanos = System.nanoTime();
        }
    }
}
