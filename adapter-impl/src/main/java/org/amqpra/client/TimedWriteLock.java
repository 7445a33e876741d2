package org.amqpra.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.ReplyInfo;

/**
 * The frame output's buffer lock, with the write timeout on every wait: a caller never waits
 * longer than the timeout for the lock or for a socket write, and an interrupted caller gets
 * {@link AmqpTimeoutException} with nothing of its command written (its interrupt status kept).
 * {@link #progress} is signalled whenever bytes taken from the pending buffer have been written.
 */
final class TimedWriteLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    private final long timeoutNanos;
    private final Condition progress = newCondition();

    TimedWriteLock(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Takes the lock within the timeout, or throws. */
    void acquire() {
        try {
            if (!tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new AmqpTimeoutException(ReplyInfo.local(
                        0,
                        "could not write to the connection within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                                + " ms (socket write stalled)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted while waiting to write"));
        }
    }

    /** When a wait for progress that starts now must end. */
    long deadline() {
        return System.nanoTime() + timeoutNanos;
    }

    /** Waits (lock held, released while waiting) for a completed write, or throws past {@code deadline}. */
    void awaitProgress(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AmqpTimeoutException(ReplyInfo.local(
                    0,
                    "a socket write did not complete within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
        }
        try {
            progress.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted while waiting for a socket write"));
        }
    }

    /** A write completed (lock held): wakes every waiter. */
    void signalProgress() {
        progress.signalAll();
    }
}
