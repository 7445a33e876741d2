package org.amqpra.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.Message;

/**
 * What an endpoint of a fault test was given: each message id's attempts, how many deliveries
 * were flagged redelivered, and when each arrived. Thread-safe: slots record concurrently.
 */
public final class DeliveryLog {
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger redelivered = new AtomicInteger();
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

    /** Records a delivery of {@code m} (by message id); returns its attempt number, 1 for the first. */
    public int record(Message m) {
        arrivals.add(System.nanoTime());
        if (m.redelivered()) {
            redelivered.incrementAndGet();
        }
        return attempts.computeIfAbsent(m.messageId(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** Distinct message ids delivered. */
    public int distinct() {
        return attempts.size();
    }

    /** Deliveries of {@code messageId} so far (0 if none). */
    public int attempts(String messageId) {
        AtomicInteger n = attempts.get(messageId);
        return n == null ? 0 : n.get();
    }

    /** Deliveries beyond the first of each message. */
    public int duplicates() {
        return attempts.values().stream().mapToInt(a -> a.get() - 1).sum();
    }

    /** Deliveries flagged redelivered by the broker. */
    public int redelivered() {
        return redelivered.get();
    }

    /**
     * Milliseconds from {@code since} (a {@link System#nanoTime()}) to the first delivery after
     * the longest pause that followed it: an outage, as the endpoint saw it; -1 if none came.
     */
    public long resumedAfter(long since) {
        List<Long> times = new ArrayList<>(arrivals);
        Collections.sort(times);
        long previous = since;
        long longestGap = -1;
        long resumed = -1;
        for (long t : times) {
            if (t < since) {
                continue;
            }
            if (t - previous > longestGap) {
                longestGap = t - previous;
                resumed = t;
            }
            previous = t;
        }
        return resumed < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(resumed - since);
    }

    /** The endpoint's work: {@code millis} of it (interrupts end it early). */
    public static void work(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
