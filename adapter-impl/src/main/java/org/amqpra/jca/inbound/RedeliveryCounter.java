package org.amqpra.jca.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amqpra.Message;

/**
 * Counts failed deliveries per message. RabbitMQ's classic queues only say "redelivered", not how
 * often, so attempts are counted here, keyed by message id (or a hash of exchange, routing key
 * and body when there is none); quorum queues' {@code x-delivery-count} header is used when
 * present. The count lives in this activation: after a restart a poison message gets up to the
 * limit again. Bounded (least recently used entries go first).
 */
final class RedeliveryCounter {
    private static final int CAPACITY = 10_000;
    private final Map<String, Integer> failures = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records a failed delivery; returns how many deliveries of this message have failed. */
    synchronized int recordFailure(Message m) {
        Object brokerCount = m.header("x-delivery-count");
        if (brokerCount instanceof Number) {
            return ((Number) brokerCount).intValue() + 1;
        }
        String key = key(m);
        int n = m.redelivered() ? failures.getOrDefault(key, 0) + 1 : 1;
        failures.put(key, n);
        return n;
    }

    /** How many deliveries of this message have failed so far (0 for a first delivery). */
    synchronized int failures(Message m) {
        Object brokerCount = m.header("x-delivery-count");
        if (brokerCount instanceof Number) {
            return ((Number) brokerCount).intValue();
        }
        return m.redelivered() ? failures.getOrDefault(key(m), 0) : 0;
    }

    /**
     * Forgets a message that was processed or dead-lettered. A first delivery has nothing to
     * forget: a count is kept only for a message that failed, and the broker marks its next
     * delivery redelivered. Nor may it remove one: another message with the same key (an
     * equal body, no message id) may be on its way back after failing. So the common case, a
     * first delivery that succeeded, costs no key (a SHA-256 of the body) and no lock.
     */
    void forget(Message m) {
        if (!m.redelivered()) {
            return;
        }
        String key = key(m);
        synchronized (this) {
            failures.remove(key);
        }
    }

    /** The key a message is counted under: its id, else a hash of exchange, routing key and body. */
    static String key(Message m) {
        if (m.messageId() != null && !m.messageId().isEmpty()) {
            return "id:" + m.messageId();
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(m.exchange().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(m.routingKey().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(m.body());
            return "sha:" + HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
