package org.amqpra.client;

import java.util.concurrent.TimeUnit;

/**
 * Decides whether a publish or ack just appended is part of a burst, to be left pending for the
 * connection's writer thread ({@link BurstFlusher}) to write together with the ones that
 * follow, or isolated, to be written by the caller at once (so latency does not change).
 *
 * <p>Not thread-safe: called only by {@link FrameOutput} with its buffer lock held.
 */
final class BurstPolicy {
    /** Publishes or acks closer together than this count as a burst. */
    static final long BURST_NANOS = TimeUnit.MICROSECONDS.toNanos(30);

    private final int maxPending;
    private long lastAppendNanos;

    /** @param maxPending pending bytes at which a burst stops growing and is written by its caller */
    BurstPolicy(int maxPending) {
        this.maxPending = maxPending;
    }

    /**
     * Records an append at {@code now} and answers whether it continues a burst: the previous
     * append was less than {@link #BURST_NANOS} ago and fewer than {@code maxPending} bytes wait.
     */
    boolean continuesBurst(long now, int pendingBytes) {
        boolean burst = now - lastAppendNanos < BURST_NANOS && pendingBytes < maxPending;
        lastAppendNanos = now;
        return burst;
    }
}
