package org.amqpra.jca.inbound;

/**
 * How long a slot waits before it requeues a failed message: {@code first} after the first
 * failure, doubling with each further one, at most {@code max}. While every delivery fails
 * (see {@link FailureStreak}) the pause is at least {@link #ENDPOINT_FAILING_FLOOR_MILLIS}, so
 * that a stopped endpoint is not retried in a tight loop even when {@code first} is 0.
 */
final class RedeliveryPause {
    /** Shortest pause while the endpoint, not the message, is failing. */
    static final long ENDPOINT_FAILING_FLOOR_MILLIS = 100;

    private RedeliveryPause() {}

    /** The pause after a message's {@code failures}-th failure (1 for the first). */
    static long forMessage(long first, long max, int failures) {
        return doubled(first, max, failures);
    }

    /** The pause after the {@code nth} failure (1 for the first) of a streak of failing deliveries. */
    static long forFailingEndpoint(long first, long max, int nth) {
        long floor = ENDPOINT_FAILING_FLOOR_MILLIS;
        return doubled(Math.max(first, floor), Math.max(max, floor), nth);
    }

    private static long doubled(long first, long max, int nth) {
        if (first <= 0 || nth < 1) {
            return 0;
        }
        int doublings = Math.min(nth - 1, 30);
        long pause = first << doublings;
        return pause < 0 || pause > max ? max : pause;
    }
}
