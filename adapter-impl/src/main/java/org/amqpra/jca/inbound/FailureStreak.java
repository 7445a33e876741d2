package org.amqpra.jca.inbound;

import java.util.HashSet;
import java.util.Set;

/**
 * Tells a failing endpoint from a failing message, across the delivery slots of one activation.
 *
 * <p>A poison message fails while the others succeed. When different messages fail one after
 * another with no success between them, it is the endpoint that fails: its database is down, or
 * the container has stopped the bean before deactivating the endpoint (WildFly answers every
 * invocation with "component is shutting down" for a moment during undeploy). Dead-lettering
 * then would throw good messages away (rejected without a dead-letter exchange, RabbitMQ drops
 * them), so while such a streak lasts failed messages are only requeued, after a growing pause.
 * The next success ends the streak.
 */
final class FailureStreak {
    /** Different messages failing in a row, with no success between, that show the endpoint failing. */
    static final int DISTINCT_MESSAGES = 3;

    private final Set<String> failedKeys = new HashSet<>();
    private int failuresSinceTripped;
    /** No failure since the last success: lets a success (every delivery) skip the lock. */
    private volatile boolean clean = true;

    /**
     * Records a failed delivery of the message with {@code key}.
     *
     * @return 0 while the failures may be the messages' own; otherwise how many failures there
     *         have been since the streak showed the endpoint failing (1 for the one that showed it)
     */
    synchronized int failed(String key) {
        clean = false;
        if (failedKeys.size() < DISTINCT_MESSAGES) {
            failedKeys.add(key);
        }
        if (failedKeys.size() < DISTINCT_MESSAGES) {
            return 0;
        }
        return ++failuresSinceTripped;
    }

    /** Whether a streak shows the endpoint failing now (failed messages are only requeued). */
    boolean endpointFailing() {
        if (clean) {
            return false;
        }
        synchronized (this) {
            return failuresSinceTripped > 0;
        }
    }

    /**
     * Records a successful delivery.
     *
     * @return whether it ended a streak that showed the endpoint failing
     */
    boolean succeeded() {
        if (clean) {
            return false;
        }
        synchronized (this) {
            boolean ended = failuresSinceTripped > 0;
            failedKeys.clear();
            failuresSinceTripped = 0;
            clean = true;
            return ended;
        }
    }
}
