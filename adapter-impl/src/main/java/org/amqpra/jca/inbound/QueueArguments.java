package org.amqpra.jca.inbound;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code queue.declare} arguments an activation with {@code declare=true} asks for: the queue
 * type ({@code x-queue-type}), the broker's delivery limit ({@code x-delivery-limit}, quorum
 * queues), single active consumer, and any further arguments written {@code key=value;key=value}.
 * Values are typed as RabbitMQ expects them: {@code true}/{@code false} become booleans, whole
 * numbers longs, anything else a string.
 */
final class QueueArguments {
    private QueueArguments() {}

    /** The queue types an activation can declare. */
    static final String CLASSIC = "classic";

    static final String QUORUM = "quorum";

    /**
     * The arguments for these properties (null ones are left out), or problems appended to
     * {@code problems} naming the property.
     */
    static Map<String, Object> of(
            String queueType,
            Integer deliveryLimit,
            Boolean singleActiveConsumer,
            String extra,
            boolean durable,
            StringBuilder problems) {
        Map<String, Object> args = new LinkedHashMap<>();
        String type = queueType == null || queueType.isBlank()
                ? null
                : queueType.trim().toLowerCase(Locale.ROOT);
        if (type != null) {
            if (!type.equals(CLASSIC) && !type.equals(QUORUM)) {
                problems.append("'queueType' must be classic or quorum, got '")
                        .append(queueType)
                        .append("'; ");
            } else {
                args.put("x-queue-type", type);
            }
        }
        if (QUORUM.equals(type) && !durable) {
            problems.append("'queueType' quorum needs durable=true (quorum queues are always durable); ");
        }
        if (deliveryLimit != null) {
            if (deliveryLimit < 0) {
                problems.append("'deliveryLimit' must be 0 or more, got ")
                        .append(deliveryLimit)
                        .append("; ");
            } else if (!QUORUM.equals(type)) {
                problems.append("'deliveryLimit' needs queueType=quorum (x-delivery-limit); ");
            } else {
                args.put("x-delivery-limit", (long) deliveryLimit);
            }
        }
        if (Boolean.TRUE.equals(singleActiveConsumer)) {
            args.put("x-single-active-consumer", true);
        }
        if (extra != null && !extra.isBlank()) {
            for (String pair : extra.split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    problems.append("'queueArguments' needs key=value pairs separated by ';', got '")
                            .append(pair.trim())
                            .append("'; ");
                    continue;
                }
                args.put(
                        pair.substring(0, eq).trim(),
                        typed(pair.substring(eq + 1).trim()));
            }
        }
        return args;
    }

    private static Object typed(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notANumber) {
            return v;
        }
    }
}
