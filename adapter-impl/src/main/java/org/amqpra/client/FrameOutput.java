package org.amqpra.client;

import java.io.IOException;
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
 * body frames) is encoded into the pending buffer under one lock, so frames of two commands
 * never interleave, and bytes reach the socket in the order they were encoded. Large bodies are
 * the exception to the encoding: they go from the caller's array to the transport together with
 * what is pending ({@link #SYNC_WRITE_BODY}).
 *
 * <p>Socket writes are combined: whoever flushes takes everything pending, and writers that
 * arrive while a flush is under way leave their bytes to it. A burst of publishes or acks (the
 * previous one less than {@link #BURST_NANOS} ago) is handed to the connection's writer thread
 * ({@link BurstFlusher}) to flush, so a fast publisher encodes while another thread writes and one write carries many
 * messages; an isolated publish, and every other method (RPC requests, closes), is written at
 * once, so latency does not change. A stream of large publishes (see {@link #LARGE_BURST_NANOS})
 * writes whole TCP segments only and leaves the partial last one to the next publish, or to the
 * writer thread when the stream pauses: on loopback this halves the segments per 64 KiB message
 * (harness, 7 rounds: client CPU 19-21.5 to 13-17 µs per message). In drainEvents, the acks
 * of one batch of callbacks are written together ({@link #deferWrites}).
 *
 * <p>Locks: {@code lock} guards the pending buffer, {@code socketLock} the socket; both are
 * always taken in that order, and a flusher takes the socket before it lets go of the buffer, so
 * no later bytes can overtake earlier ones.
 */
final class FrameOutput {
    /**
     * A publish whose body is at least this large is written by the publishing thread before
     * it returns, holding the buffer lock throughout, rather than left to a burst. Its body is
     * not copied into the pending buffer: the pending bytes, the body frames and the frame ends
     * are staged in the transport piece by piece (whole segments each) and written together, so
     * a message is still one socket write and the body is copied once in user space, where the
     * pending buffer and the socket stream's own direct buffer copied it twice (perf on the
     * harness's 64 KiB publisher: copy stubs 20% of its CPU samples before, 13% after). Other
     * writers wait for the lock meanwhile (one write, tens of microseconds, unless the socket
     * stalls, which the write watchdog bounds). Measured
     * with perf stat on 60,000 64 KiB publishes: writing the caller's array by itself, between
     * the frames around it, took 3.2 syscalls per message and 1.9 s of kernel time; one write
     * each, 1.2 syscalls and 1.5 s. Handing large messages to the writer thread instead made the
     * two threads take turns on the lock (0.7 context switches per message).
     */
    private static final int SYNC_WRITE_BODY = 32 * 1024;
    /** A writer waits for the flusher before appending when this much is pending (back-pressure). */
    private static final int MAX_PENDING = 512 * 1024;
    /**
     * A pending buffer larger than this after a write is replaced by a small one. It is above
     * what steady bursts reach (MAX_PENDING plus a message, rounded up by doubling), so that only
     * a huge message, not a busy publisher, costs a new array.
     */
    private static final int BUFFER_KEEP = 2 * MAX_PENDING;
    /** Age at which deferred acks are written at the next callback boundary (deferWrites). */
    private static final long MAX_DEFER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Fewer pending bytes than this (32 acks) may be held past a batch's end (deferWrites). */
    private static final int HOLD_BYTES = 32 * 21;
    /** Publishes or acks closer together than this count as a burst. */
    private static final long BURST_NANOS = TimeUnit.MICROSECONDS.toNanos(30);
    /**
     * Large publishes (bodies of {@link #SYNC_WRITE_BODY} or more) closer together than this
     * are a stream: each writes only whole segments ({@link SegmentSizing}) and leaves the rest
     * to the next one, or, when none follows within {@link #LINGER_NANOS}, to the writer thread.
     */
    private static final long LARGE_BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the rest of a stream of large publishes may wait for the next publish. */
    static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private static final byte[] FRAME_END = {(byte) Frame.FRAME_END};

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock socketLock = new ReentrantLock();
    /** Signalled (under {@code lock}) whenever bytes taken from the buffer have been written. */
    private final java.util.concurrent.locks.Condition progress = lock.newCondition();
    /** Bytes taken out of the pending buffer for writing, and bytes of those written, in total. */
    private long taken;
    private long written;
    private final Transport transport;
    private final long lockTimeoutNanos;
    private WireWriter buf = new WireWriter(16 * 1024);
    private WireWriter spare = new WireWriter(16 * 1024);
    private boolean flushing;
    private long lastAppendNanos;
    private volatile Runnable flushRequester;
    private volatile Runnable lingerRequester;
    /** A thread whose acks stay pending until it says otherwise (see {@link #deferWrites}). */
    private volatile Thread deferring;
    /** When the oldest deferred command was appended, 0 if none (written under {@code lock}). */
    private volatile long deferredSinceNanos;
    /** Whether the transport tells us when the reader waits (see {@link #deferWrites}). */
    private final boolean readWaitsKnown;
    /** The reader is waiting for the socket. */
    private volatile boolean readerWaiting;
    /** A batch's acks left pending past its end, for the reader's next wait to send. */
    private volatile boolean held;
    /** When the last large publish was appended (written under {@code lock}). */
    private volatile long lastLargeAppendNanos;
    private volatile long frameMax = Frame.MIN_FRAME_MAX;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long writeStartedNanos;

    /** Most bytes per socket write (whole TCP segments, see {@link SegmentSizing}); 0: no limit. */
    private final int writeSize;

    FrameOutput(Transport transport, long lockTimeoutNanos, int writeSize) {
        this.transport = transport;
        this.lockTimeoutNanos = lockTimeoutNanos;
        this.writeSize = writeSize;
        this.readWaitsKnown = transport.watchReadWaits(new Transport.ReadWaits() {
            @Override
            public void waiting() {
                readerWaiting = true;
                if (held) {
                    requestFlush();
                }
            }

            @Override
            public void resumed() {
                readerWaiting = false;
            }
        });
    }

    /** Asks the writer thread to flush (the reader never writes itself). */
    private void requestFlush() {
        Runnable r = flushRequester;
        if (r != null) {
            r.run();
        }
    }

    void setFrameMax(long frameMax) {
        this.frameMax = frameMax;
    }

    /** Lets bursts be flushed by another thread ({@code requester} must lead to {@link #flushPending}). */
    void setFlushRequester(Runnable requester) {
        this.flushRequester = requester;
    }

    /**
     * Lets the rest of a stream of large publishes be written by another thread once no publish
     * followed for {@link #LINGER_NANOS} ({@code requester} must lead to {@link #flushPending}).
     */
    void setLingerRequester(Runnable requester) {
        this.lingerRequester = requester;
    }

    /** When the last large publish was appended: a lingering flush waits until this is old enough. */
    long lastLargeAppendNanos() {
        return lastLargeAppendNanos;
    }

    /** When the socket write in progress started, 0 if none: the heartbeat monitor's watchdog. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** Writes one method frame now. */
    void sendMethod(int channel, AmqpMethod m) throws IOException {
        sendMethod(channel, m, null);
    }

    /**
     * Writes one method frame (with everything pending before it) and returns once it is on the
     * socket, even when another thread's flush took it. {@code guard}, when not
     * null, runs first under the lock and may throw to cancel the write: a channel checks its
     * state there, so that no method can be written after the channel's close or close-ok, which
     * also go through this lock.
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
            lock.unlock();
            throw badArgument;
        }
        finish(false, false);
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
        boolean handedOver = false;
        try {
            awaitRoom(); // first: it lets go of the lock while waiting, the guard must hold after it
            if (guard != null) {
                guard.run();
            }
            mark = buf.position();
            try {
                FrameEncoder.publish(buf, channel, exchange, routingKey, mandatory, immediate);
                FrameEncoder.header(buf, channel, 60, body.length, props);
            } catch (RuntimeException badArgument) {
                buf.truncate(mark);
                throw badArgument;
            }
            long seq = sequence == null ? 0 : sequence.getAsLong();
            if (body.length >= SYNC_WRITE_BODY) {
                boolean stream = continuesLargeStream();
                writeLargeBody(channel, body, stream);
                boolean restPending = stream && buf.position() > 0;
                handedOver = true;
                lock.unlock();
                if (restPending) {
                    lingerRequester.run(); // the writer thread writes the rest if no publish follows
                }
                return seq;
            }
            long fm = frameMax;
            // Body frames are split at frame_max - 8 (header and end octet); 0 = unlimited.
            int chunk = fm == 0 ? Math.max(1, body.length) : (int) (fm - Frame.OVERHEAD);
            for (int off = 0; off < body.length; off += chunk) {
                int len = Math.min(chunk, body.length - off);
                FrameEncoder.bodyHeader(buf, channel, len);
                buf.bytes(body, off, len);
                buf.octet(Frame.FRAME_END);
            }
            handedOver = true;
            finish(true, false);
            return seq;
        } finally {
            if (!handedOver) {
                lock.unlock();
            }
        }
    }

    /** Writes a basic.ack without building a method object; {@code guard} as for sendMethod. */
    void sendAck(int channel, long deliveryTag, boolean multiple, Runnable guard) throws IOException {
        acquire();
        try {
            awaitRoom(); // before the guard, as in sendPublish
            guard.run();
        } catch (RuntimeException | IOException notWritable) {
            lock.unlock();
            throw notWritable;
        }
        FrameEncoder.ack(buf, channel, deliveryTag, multiple);
        finish(true, true);
    }

    /** Writes a heartbeat frame now. */
    void sendHeartbeat() throws IOException {
        acquire();
        FrameEncoder.heartbeat(buf);
        finish(false, false);
    }

    /** Flushes what a burst left pending (called on the writer thread). */
    void flushPending() throws IOException {
        lock.lock();
        try {
            if (!flushing && buf.position() > 0) {
                drainLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Heartbeat monitor tick: flushes anything left pending and sends a heartbeat if nothing was
     * written for {@code idleNanos}. Never waits for the lock.
     */
    void tick(long idleNanos) throws IOException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (flushing) {
                return;
            }
            if (buf.position() == 0 && idleNanos > 0 && System.nanoTime() - lastWriteNanos >= idleNanos) {
                FrameEncoder.heartbeat(buf);
            }
            if (buf.position() > 0) {
                drainLocked();
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

    /**
     * After a command was appended (lock held; released here): leave it to a flush under way,
     * hand a burst to the monitor, or flush now.
     */
    private void finish(boolean burstable, boolean deferrable) throws IOException {
        Runnable wakeWriter = null;
        try {
            if (!burstable) {
                awaitWritten(taken + buf.position());
                return;
            }
            if (flushing) {
                return; // the flusher takes our bytes after its current write
            }
            if (deferrable && deferring == Thread.currentThread()) {
                if (deferredSinceNanos == 0) {
                    deferredSinceNanos = System.nanoTime();
                }
                return; // written with the rest of the batch (deferWrites)
            }
            Runnable requester = flushRequester;
            if (burstable && requester != null) {
                long now = System.nanoTime();
                boolean burst = now - lastAppendNanos < BURST_NANOS && buf.position() < MAX_PENDING;
                lastAppendNanos = now;
                if (burst) {
                    wakeWriter = requester;
                    return;
                }
            }
            drainLocked();
        } finally {
            lock.unlock();
            if (wakeWriter != null) {
                // after unlocking: a writer woken while we hold the lock would park on it at once,
                // and our unlock would have to wake it a second time
                wakeWriter.run();
            }
        }
    }

    /**
     * Leaves the acks of the calling thread pending (or, with {@code false}, writes what it
     * left), so that the callbacks of one batch of deliveries make one socket write, not one
     * hand-off to the writer thread each. Only acks: a publish may be waited for (its confirm,
     * a reply to it) by the very callback that made it. Used by drainEvents while more
     * deliveries are queued behind the one running. Deferred bytes are written at the first
     * callback boundary at which the oldest is {@link #MAX_DEFER_NANOS} old, or after the
     * batch's last callback; the monitor's tick writes them if a callback blocks. Anything else
     * written meanwhile (an RPC, another thread's publish) takes the pending bytes with it, in
     * order.
     *
     * <p>At a batch's end, fewer than 32 acks younger than {@link #MAX_DEFER_NANOS} stay pending
     * while the reader is reading (not waiting for the socket): the reader asks the writer
     * thread to send them when it next has to wait, unless the next batch's callbacks or any
     * other write took them first. Larger ack groups put RabbitMQ into its faster delivery
     * regime more often (harness, {@code --only 'ack each' --rounds 7}, alternating builds:
     * medians 107,086 and 104,323 msg/s against 79,353 and 79,401 without the hold).
     * The reader sets its flag before it looks at {@code held}, the batch's end sets
     * {@code held} before it looks at the flag, so one of them always sends the acks.
     */
    void deferWrites(boolean defer) throws IOException {
        Thread me = Thread.currentThread();
        if (defer) {
            deferring = me;
            long since = deferredSinceNanos;
            if (since == 0 || System.nanoTime() - since < MAX_DEFER_NANOS) {
                return;
            }
        } else if (deferring == me) {
            deferring = null;
            if (holdable()) {
                held = true;
                if (!readerWaiting) {
                    return; // the reader's next wait sends them
                }
            }
        } else if (deferredSinceNanos == 0) {
            return; // nothing deferred; another thread draining at the same time took over the flag
        }
        flushPending();
    }

    /** Whether the acks a batch left pending may wait for the reader's next wait (see deferWrites). */
    private boolean holdable() {
        if (!readWaitsKnown || readerWaiting) {
            return false;
        }
        lock.lock();
        try {
            long since = deferredSinceNanos;
            return since != 0 && !flushing && buf.position() < HOLD_BYTES
                    && System.nanoTime() - since < MAX_DEFER_NANOS;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether this large publish (appended, lock held) follows another one closely enough to
     * leave a partial segment pending. Not while another thread's flush is under way: that one
     * takes the bytes, and this publish waits for it as usual.
     */
    private boolean continuesLargeStream() {
        long now = System.nanoTime();
        boolean stream = now - lastLargeAppendNanos < LARGE_BURST_NANOS;
        lastLargeAppendNanos = now;
        return stream && writeSize > 0 && !flushing && lingerRequester != null;
    }

    /**
     * Returns once every byte up to {@code end} (in the running total) is on the socket: writes
     * them itself, or waits for the flush under way that took them. Lock held.
     */
    private void awaitWritten(long end) throws IOException {
        long deadline = System.nanoTime() + lockTimeoutNanos;
        while (written < end) {
            if (!flushing) {
                drainLocked();
                continue;
            }
            awaitProgress(deadline);
        }
    }

    /**
     * Back-pressure, before a burstable command is appended (lock held): while
     * {@link #MAX_PENDING} bytes wait, wait for the flush under way to take them (waiting on the
     * condition lets go of the lock, so the flusher can). A socket that stays stalled fails the
     * call with a timeout before anything of it was appended.
     */
    private void awaitRoom() throws IOException {
        long deadline = 0;
        while (buf.position() >= MAX_PENDING) {
            if (!flushing) {
                drainLocked();
                return;
            }
            if (deadline == 0) {
                deadline = System.nanoTime() + lockTimeoutNanos;
            }
            awaitProgress(deadline);
        }
    }

    /** Waits (lock held, released while waiting) until a flusher signals a completed write. */
    private void awaitProgress(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AmqpTimeoutException(ReplyInfo.local(0, "a socket write did not complete within "
                    + TimeUnit.NANOSECONDS.toMillis(lockTimeoutNanos) + " ms"));
        }
        try {
            progress.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted while waiting for a socket write"));
        }
    }

    /**
     * Writes everything pending, including what arrives meanwhile. Entered and left with
     * {@code lock} held; the lock is let go during each socket write, the socket taken first.
     */
    private void drainLocked() throws IOException {
        flushing = true;
        deferredSinceNanos = 0;
        held = false;
        try {
            while (buf.position() > 0) {
                WireWriter outgoing = buf;
                buf = spare;
                writeTaken(outgoing, outgoing.position());
            }
        } finally {
            flushing = false;
        }
    }

    /**
     * Writes the first {@code n} bytes of {@code outgoing}, a buffer just taken out of
     * {@code buf}, then makes it the spare. Entered and left with {@code lock} held: the socket
     * is taken before the lock is let go for the write, so nothing appended meanwhile can
     * overtake these bytes.
     */
    private void writeTaken(WireWriter outgoing, int n) throws IOException {
        taken += n;
        socketLock.lock();
        lock.unlock();
        boolean ok = false;
        try {
            writeDirect(outgoing.array(), 0, n);
            ok = true;
        } finally {
            socketLock.unlock();
            lock.lock();
            if (ok) {
                written += n;
            }
            progress.signalAll();
            if (outgoing.capacity() > BUFFER_KEEP) {
                outgoing.shrinkTo(16 * 1024);
            } else {
                outgoing.reset();
            }
            spare = outgoing;
        }
    }

    /**
     * Writes a large publish's body frames from the caller's array, with everything pending in
     * front of them (this publish's method and header frames, and what others left before it).
     * The lock is held throughout, so no other frame can come between the body frames; the socket
     * lock also waits out a flush under way, whose bytes were taken before ours were appended.
     * A {@code stream} writes whole segments only and copies the rest, less than one segment
     * from the end of the body, into the pending buffer for the next write.
     */
    private void writeLargeBody(int channel, byte[] body, boolean stream) throws IOException {
        long fm = frameMax;
        // Body frames are split at frame_max - 8 (header and end octet); 0 = unlimited.
        int chunk = fm == 0 ? body.length : (int) (fm - Frame.OVERHEAD);
        socketLock.lock();
        deferredSinceNanos = 0; // deferred acks pending in front of the publish go out with it
        held = false;
        try {
            for (int off = 0; off < body.length; off += chunk) {
                int len = Math.min(chunk, body.length - off);
                FrameEncoder.bodyHeader(buf, channel, len);
                int head = buf.position();
                int total = head + len + 1;
                int limit = total;
                if (stream && off + len == body.length) {
                    int whole = total / writeSize * writeSize;
                    if (whole > head) {
                        limit = whole; // the rest starts inside the body
                    }
                }
                writeParts(buf.array(), head, body, off, len, limit);
                taken += limit;
                written += limit;
                buf.reset();
                if (limit < total) {
                    int sent = limit - head;
                    buf.bytes(body, off + sent, len - sent);
                    buf.octet(Frame.FRAME_END);
                }
            }
        } finally {
            socketLock.unlock();
            progress.signalAll();
        }
    }

    /**
     * Writes the first {@code limit} bytes of {@code head[0, headLen)}, {@code body[off, off+len)}
     * and a frame-end octet, in writes of at most {@link #writeSize} (whole segments) staged in
     * the transport: the body is copied once, into the transport's buffer.
     */
    private void writeParts(byte[] head, int headLen, byte[] body, int off, int len, int limit) throws IOException {
        int piece = writeSize == 0 ? transport.stageCapacity() : Math.min(writeSize, transport.stageCapacity());
        int bodyEnd = headLen + len;
        writeStartedNanos = System.nanoTime();
        try {
            for (int pos = 0; pos < limit; ) {
                int end = Math.min(limit, pos + piece);
                if (pos < headLen) {
                    transport.stage(head, pos, Math.min(end, headLen) - pos);
                }
                int from = Math.max(pos, headLen);
                int to = Math.min(end, bodyEnd);
                if (to > from) {
                    transport.stage(body, off + from - headLen, to - from);
                }
                if (end > bodyEnd) {
                    transport.stage(FRAME_END, 0, 1);
                }
                transport.sendStaged();
                pos = end;
            }
        } finally {
            writeStartedNanos = 0;
            lastWriteNanos = System.nanoTime();
        }
    }

    private void writeDirect(byte[] b, int off, int len) throws IOException {
        writeStartedNanos = System.nanoTime();
        try {
            int end = off + len;
            for (int piece = writeSize == 0 ? len : writeSize; end - off > piece; off += piece) {
                transport.write(b, off, piece); // whole segments, rather than the JDK's 128 KiB pieces
            }
            transport.write(b, off, end - off);
        } finally {
            writeStartedNanos = 0;
            lastWriteNanos = System.nanoTime();
        }
    }
}
