package org.amqpra.jca.inbound;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.amqpra.jca.management.LastError;
import org.amqpra.jca.management.LatencyHistogram;

/**
 * What one activation's deliveries came to, for its MBean. Written by every slot on every
 * delivery, so only striped counters and one histogram: nothing allocated, no lock.
 */
final class DeliveryStatistics {
    final LongAdder delivered = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder redelivered = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LatencyHistogram deliveryTime = new LatencyHistogram();
    final LastError lastError = new LastError();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    /** A delivery is handed to the endpoint. */
    void delivering(boolean redelivery) {
        delivered.increment();
        if (redelivery) {
            redelivered.increment();
        }
    }

    /** It was processed (and committed), after {@code nanos}. */
    void succeeded(long nanos) {
        succeeded.increment();
        deliveryTime.recordNanos(nanos);
        if (consecutiveFailures.get() != 0) { // read first: no shared write on the common path
            consecutiveFailures.set(0);
        }
    }

    /**
     * It failed after {@code nanos}, with {@code error}.
     *
     * @return failures in a row now, this one included
     */
    int failed(long nanos, String error) {
        failed.increment();
        deliveryTime.recordNanos(nanos);
        if (error != null) {
            lastError.record(error);
        }
        return consecutiveFailures.incrementAndGet();
    }

    /** Failures in a row, with no success between. */
    int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** Resumed by an operator: the count of failures in a row starts again. */
    void resetConsecutiveFailures() {
        consecutiveFailures.set(0);
    }
}
