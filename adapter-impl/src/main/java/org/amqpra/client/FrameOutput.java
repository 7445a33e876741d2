package org.amqpra.client;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.amqpra.Message;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.BodyFramer;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.WireWriter;

/**
 * The write side of a connection: the ordered write core. Every command (a method, or a
 * publish's method, header and body frames) is encoded into the pending buffer under one lock,
 * so frames of two commands never interleave, and bytes reach the socket in the order they were
 * encoded. Socket writes are combined: whoever flushes takes everything pending
 * ({@link PendingBytes}), and writers that arrive while a flush is under way leave their bytes to
 * it.
 *
 * <p>The policies around this core are classes of their own, each called with the buffer lock
 * held: {@link BurstPolicy} (a burst of publishes or acks goes to the writer thread,
 * {@link BurstFlusher}; an isolated one, and every other method, is written at once),
 * {@link LargeBodyWriter} (large bodies go from the caller's array to the socket, and streams
 * of them leave partial segments for the next), {@link AckDeferral} (the acks of a
 * {@code drainEvents} batch make one write) and {@link org.amqpra.wire.BodyFramer} (the
 * frame_max split).
 *
 * <p>Locks: {@code lock} ({@link TimedWriteLock}: every wait bounded by the write timeout) guards
 * the pending bytes, {@code socketLock} the socket; always taken in that order, and a flusher
 * takes the socket before it lets go of the buffer, so no later bytes can overtake earlier ones.
 */
final class FrameOutput {
    /** A writer waits for the flusher before appending when this much is pending (back-pressure). */
    private static final int MAX_PENDING = 512 * 1024;

    private final TimedWriteLock lock;
    private final ReentrantLock socketLock = new ReentrantLock();
    /** Keeps a buffer that grew up to twice the back-pressure bound (a busy publisher's bursts). */
    private final PendingBytes pending = new PendingBytes(2 * MAX_PENDING);

    private final WriteClock clock = new WriteClock();
    private final SocketWriter socket;
    private final BurstPolicy bursts = new BurstPolicy(MAX_PENDING);
    private final LargeBodyWriter largeBodies;
    private final AckDeferral acks;
    /** AckDeferral's question, made once: a bound method reference per batch would allocate. */
    private final BooleanSupplier smallBatchPending = this::smallBatchPending;

    private boolean flushing;
    private volatile Runnable flushRequester;
    private volatile Runnable lingerRequester;
    private volatile long frameMax = Frame.MIN_FRAME_MAX;

    FrameOutput(Transport transport, long lockTimeoutNanos, int writeSize) {
        this.lock = new TimedWriteLock(lockTimeoutNanos);
        this.socket = new SocketWriter(transport, writeSize, clock);
        this.largeBodies = new LargeBodyWriter(socket);
        this.acks = new AckDeferral(transport, this::requestFlush);
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

    /**
     * Hands bursts, and the rest of a stream of large publishes once none followed for
     * {@link LargeBodyWriter#LINGER_NANOS}, to another thread: both requesters must lead to
     * {@link #flushPending}. Without them every write is made by its caller.
     */
    void setWriterThread(Runnable flushRequester, Runnable lingerRequester) {
        this.flushRequester = flushRequester;
        this.lingerRequester = lingerRequester;
    }

    /** When the last large publish was appended: a lingering flush waits until this is old enough. */
    long lastLargeAppendNanos() {
        return largeBodies.lastAppendNanos();
    }

    /** When the socket write in progress started, 0 if none: the heartbeat monitor's watchdog. */
    long writeStartedNanos() {
        return clock.startedNanos();
    }

    /** Writes one method frame now. */
    void sendMethod(int channel, AmqpMethod m) throws IOException {
        sendMethod(channel, m, null);
    }

    /**
     * Writes one method frame (with everything pending before it) and returns once it is on the
     * socket, even when another thread's flush took it. {@code guard}, when not null, runs first
     * under the lock and may throw to cancel the write: a channel checks its state there, so that
     * no method can be written after the channel's close or close-ok, which also go through this
     * lock.
     */
    void sendMethod(int channel, AmqpMethod m, Runnable guard) throws IOException {
        lock.acquire();
        WireWriter buf = pending.buffer();
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
     * {@link #sendMethod(int, AmqpMethod, Runnable)}. {@code sequence}, when not null, is called
     * after encoding succeeded and before the bytes are written, under the same lock: confirm
     * sequence numbers then follow wire order and a publish that fails to encode does not
     * consume one.
     *
     * @return the sequence number assigned, or 0
     */
    long sendPublish(
            int channel,
            String exchange,
            String routingKey,
            boolean mandatory,
            Message message,
            Runnable guard,
            LongSupplier sequence)
            throws IOException {
        byte[] body = message.body();
        lock.acquire();
        boolean handedOver = false;
        try {
            awaitRoom(); // first: it lets go of the lock while waiting, the guard must hold after it
            if (guard != null) {
                guard.run();
            }
            WireWriter buf = pending.buffer();
            int mark = buf.position();
            try {
                // immediate=false: RabbitMQ refuses true, and the API rejects it before this
                FrameEncoder.publish(buf, channel, exchange, routingKey, mandatory, false);
                FrameEncoder.header(buf, channel, FrameEncoder.BASIC_CLASS, body.length, message.properties());
            } catch (RuntimeException badArgument) {
                buf.truncate(mark);
                throw badArgument;
            }
            long seq = sequence == null ? 0 : sequence.getAsLong();
            if (LargeBodyWriter.isLarge(body.length)) {
                boolean stream = largeBodies.continuesStream(flushing, lingerRequester != null);
                writeLargeBody(channel, body, stream);
                boolean restPending = stream && pending.size() > 0;
                handedOver = true;
                lock.unlock();
                if (restPending) {
                    lingerRequester.run(); // the writer thread writes the rest if no publish follows
                }
                return seq;
            }
            BodyFramer.appendFrames(buf, channel, body, frameMax);
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
        lock.acquire();
        try {
            awaitRoom(); // before the guard, as in sendPublish
            guard.run();
        } catch (RuntimeException | IOException notWritable) {
            lock.unlock();
            throw notWritable;
        }
        FrameEncoder.ack(pending.buffer(), channel, deliveryTag, multiple);
        finish(true, true);
    }

    /** Writes a heartbeat frame now. */
    void sendHeartbeat() throws IOException {
        lock.acquire();
        FrameEncoder.heartbeat(pending.buffer());
        finish(false, false);
    }

    /** Flushes what a burst left pending (called on the writer thread). */
    void flushPending() throws IOException {
        lock.lock();
        try {
            if (!flushing && pending.size() > 0) {
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
            if (pending.size() == 0 && idleNanos > 0 && clock.idleFor(idleNanos)) {
                FrameEncoder.heartbeat(pending.buffer());
            }
            if (pending.size() > 0) {
                drainLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A callback boundary in {@code drainEvents} ({@link AckDeferral#atBoundary}): {@code defer}
     * true leaves the calling thread's acks pending, false writes what it left (or holds a
     * small batch for the reader's next wait).
     */
    void deferWrites(boolean defer) throws IOException {
        if (acks.atBoundary(defer, smallBatchPending)) {
            flushPending();
        }
    }

    private boolean smallBatchPending() {
        lock.lock();
        try {
            return acks.holdable(flushing, pending.size());
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a command was appended (lock held; released here): leave it to a flush under way,
     * keep it for its drainEvents batch, hand a burst to the writer thread, or flush now.
     */
    private void finish(boolean burstable, boolean deferrable) throws IOException {
        Runnable wakeWriter = null;
        try {
            if (!burstable) {
                awaitWritten(pending.end());
                return;
            }
            if (flushing) {
                return; // the flusher takes our bytes after its current write
            }
            if (deferrable && acks.keepPending()) {
                return; // written with the rest of the batch
            }
            Runnable requester = flushRequester;
            if (requester != null && bursts.continuesBurst(System.nanoTime(), pending.size())) {
                wakeWriter = requester;
                return;
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
     * Returns once every byte up to {@code end} (in the running total) is on the socket: writes
     * them itself, or waits for the flush under way that took them. Lock held.
     */
    private void awaitWritten(long end) throws IOException {
        long deadline = lock.deadline();
        while (!pending.writtenUpTo(end)) {
            if (!flushing) {
                drainLocked();
                continue;
            }
            lock.awaitProgress(deadline);
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
        while (pending.size() >= MAX_PENDING) {
            if (!flushing) {
                drainLocked();
                return;
            }
            if (deadline == 0) {
                deadline = lock.deadline();
            }
            lock.awaitProgress(deadline);
        }
    }

    /**
     * Writes everything pending, including what arrives meanwhile. Entered and left with
     * {@code lock} held; the lock is let go during each socket write, the socket taken first.
     */
    private void drainLocked() throws IOException {
        flushing = true;
        acks.pendingTaken();
        try {
            while (pending.size() > 0) {
                writeTaken(pending.take());
            }
        } finally {
            flushing = false;
        }
    }

    /**
     * Writes {@code outgoing}, a buffer just taken out of the pending bytes. Entered and left with
     * {@code lock} held: the socket is taken before the lock is let go for the write, so nothing
     * appended meanwhile can overtake these bytes.
     */
    private void writeTaken(WireWriter outgoing) throws IOException {
        socketLock.lock();
        lock.unlock();
        boolean ok = false;
        try {
            socket.write(outgoing.array(), outgoing.position());
            ok = true;
        } finally {
            socketLock.unlock();
            lock.lock();
            pending.returned(outgoing, ok);
            lock.signalProgress();
        }
    }

    /**
     * Writes a large publish's body frames from the caller's array, with everything pending in
     * front of them. The lock is held throughout, so no other frame can come between the body
     * frames; the socket lock also waits out a flush under way, whose bytes were taken before
     * ours were appended. Deferred acks pending in front of the publish go out with it.
     */
    private void writeLargeBody(int channel, byte[] body, boolean stream) throws IOException {
        socketLock.lock();
        acks.pendingTaken();
        try {
            pending.writtenDirectly(largeBodies.writeFrames(pending.buffer(), channel, body, frameMax, stream));
        } finally {
            socketLock.unlock();
            lock.signalProgress();
        }
    }
}
