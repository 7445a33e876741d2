package org.amqpra.client;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps the acks of a {@code drainEvents} batch pending, so that the callbacks of one batch of
 * deliveries make one socket write instead of one hand-off to the writer thread each, and may
 * hold a small batch's acks past its end until the reader next waits for the socket.
 *
 * <p>Only acks are deferred: a publish may be waited for (its confirm, a reply to it) by the
 * very callback that made it. Deferred bytes are written at the first callback boundary at which
 * the oldest is {@link #MAX_DEFER_NANOS} old, or after the batch's last callback; the heartbeat
 * monitor's tick writes them if a callback blocks. Anything else written meanwhile (an RPC,
 * another thread's publish) takes the pending bytes with it, in order.
 *
 * <p>Holding: at a batch's end, fewer than 32 acks younger than {@link #MAX_DEFER_NANOS} stay
 * pending while the reader is reading (not waiting for the socket); the reader asks the writer
 * thread to send them when it next has to wait, unless the next batch or any other write took
 * them first. The reader sets its flag before it looks at {@code held}, the batch's end sets
 * {@code held} before it looks at the flag, so one of the two always sends the acks. Why this
 * pays is in {@code bench/HISTORY.md} (held acks).
 *
 * <p>Owns no lock. {@link #keepPending} and {@link #pendingTaken} are called with the frame
 * output's buffer lock held; {@link #atBoundary} without it (it asks its {@code smallBatch}
 * question, which takes that lock); {@link #waiting} and {@link #resumed} by the reader thread.
 */
final class AckDeferral implements Transport.ReadWaits {
    /** Age at which deferred acks are written at the next callback boundary. */
    static final long MAX_DEFER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Fewer pending bytes than this (32 acks of 21 bytes) may be held past a batch's end. */
    static final int HOLD_BYTES = 32 * 21;

    private final Runnable requestFlush;
    private final boolean readWaitsKnown;
    /** A thread whose acks stay pending until it says otherwise. */
    private volatile Thread deferring;
    /** When the oldest deferred ack was appended, 0 if none (written under the buffer lock). */
    private volatile long deferredSinceNanos;
    /** The reader is waiting for the socket. */
    private volatile boolean readerWaiting;
    /** A batch's acks left pending past its end, for the reader's next wait to send. */
    private volatile boolean held;

    /**
     * @param transport    told to report the reader's waits to this object, if it can
     * @param requestFlush asks the writer thread to flush (the reader never writes itself)
     */
    AckDeferral(Transport transport, Runnable requestFlush) {
        this.requestFlush = requestFlush;
        this.readWaitsKnown = transport.watchReadWaits(this);
    }

    @Override
    public void waiting() {
        readerWaiting = true;
        if (held) {
            requestFlush.run();
        }
    }

    @Override
    public void resumed() {
        readerWaiting = false;
    }

    /** An ack was just appended (buffer lock held): whether it stays pending for its batch. */
    boolean keepPending() {
        if (deferring != Thread.currentThread()) {
            return false;
        }
        if (deferredSinceNanos == 0) {
            deferredSinceNanos = System.nanoTime();
        }
        return true;
    }

    /** Everything pending is being written (buffer lock held): nothing is deferred or held any more. */
    void pendingTaken() {
        deferredSinceNanos = 0;
        held = false;
    }

    /**
     * A callback boundary of the calling thread's batch: {@code defer} true while more deliveries
     * are queued behind the one that ran, false after the batch's last. Answers whether the
     * caller must flush what is pending now.
     *
     * @param smallBatch answers, under the buffer lock, {@link #holdable} for what is pending
     */
    boolean atBoundary(boolean defer, BooleanSupplier smallBatch) {
        Thread me = Thread.currentThread();
        if (defer) {
            deferring = me;
            long since = deferredSinceNanos;
            return since != 0 && System.nanoTime() - since >= MAX_DEFER_NANOS;
        }
        if (deferring == me) {
            deferring = null;
            if (readWaitsKnown && !readerWaiting && smallBatch.getAsBoolean()) {
                held = true;
                return readerWaiting; // else the reader's next wait sends them
            }
            return true;
        }
        // nothing deferred, or another thread draining at the same time took over the flag
        return deferredSinceNanos != 0;
    }

    /**
     * Whether the acks pending may be held past the batch's end (buffer lock held): some are
     * deferred, no flush is under way, fewer than {@link #HOLD_BYTES} wait, and the oldest is
     * younger than {@link #MAX_DEFER_NANOS}.
     */
    boolean holdable(boolean flushing, int pendingBytes) {
        long since = deferredSinceNanos;
        return since != 0 && !flushing && pendingBytes < HOLD_BYTES && System.nanoTime() - since < MAX_DEFER_NANOS;
    }
}
