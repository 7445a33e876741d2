package org.amqpra.jca.inbound;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code queue.declare} arguments an activation with {@code declare=true} asks for: the queue
 * type ({@code x-queue-type}), the broker's delivery limit ({@code x-delivery-limit}, quorum
 * queues), the queue's own dead-lettering ({@code x-dead-letter-exchange}, {@code -routing-key},
 * {@code -strategy}), single active consumer, and any further arguments written
 * {@code key=value;key=value}.
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
    static Map<String, Object> of(AmqpActivationSpec spec, StringBuilder problems) {
        String queueType = spec.getQueueType();
        Integer deliveryLimit = spec.getDeliveryLimit();
        boolean durable = !Boolean.FALSE.equals(spec.getDurable());
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
        if (Boolean.TRUE.equals(spec.getSingleActiveConsumer())) {
            args.put("x-single-active-consumer", true);
        }
        deadLettering(spec, QUORUM.equals(type), args, problems);
        String extra = spec.getQueueArguments();
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
        if (AT_LEAST_ONCE.equals(args.get("x-dead-letter-strategy"))
                && !"reject-publish".equals(args.get("x-overflow"))) {
            problems.append("'queueDeadLetterStrategy' at-least-once needs x-overflow=reject-publish, but "
                            + "'queueArguments' sets x-overflow=")
                    .append(args.get("x-overflow"))
                    .append("; ");
        }
        return args;
    }

    /** Strategies of {@code x-dead-letter-strategy}. */
    static final String AT_MOST_ONCE = "at-most-once";

    static final String AT_LEAST_ONCE = "at-least-once";

    private static void deadLettering(
            AmqpActivationSpec spec, boolean quorum, Map<String, Object> args, StringBuilder problems) {
        String exchange = spec.getQueueDeadLetterExchange();
        if (exchange != null && !exchange.isBlank()) {
            args.put("x-dead-letter-exchange", "amq.default".equals(exchange.trim()) ? "" : exchange.trim());
        }
        String routingKey = spec.getQueueDeadLetterRoutingKey();
        if (routingKey != null) {
            if (!args.containsKey("x-dead-letter-exchange")) {
                problems.append("'queueDeadLetterRoutingKey' needs 'queueDeadLetterExchange'; ");
            }
            args.put("x-dead-letter-routing-key", routingKey);
        }
        String strategy = spec.getQueueDeadLetterStrategy();
        if (strategy == null || strategy.isBlank()) {
            return;
        }
        String s = strategy.trim().toLowerCase(Locale.ROOT);
        if (!s.equals(AT_MOST_ONCE) && !s.equals(AT_LEAST_ONCE)) {
            problems.append("'queueDeadLetterStrategy' must be at-most-once or at-least-once, got '")
                    .append(strategy)
                    .append("'; ");
            return;
        }
        if (!quorum) {
            problems.append("'queueDeadLetterStrategy' needs queueType=quorum (x-dead-letter-strategy); ");
            return;
        }
        args.put("x-dead-letter-strategy", s);
        if (s.equals(AT_LEAST_ONCE)) {
            // RabbitMQ keeps at-least-once dead letters only with reject-publish overflow (it falls
            // back to at-most-once otherwise): set it, unless queueArguments says otherwise
            args.put("x-overflow", "reject-publish");
        }
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
