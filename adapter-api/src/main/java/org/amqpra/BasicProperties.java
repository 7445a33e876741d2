package org.amqpra;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 14 properties of AMQP's basic content class, in wire order. A null component means the
 * property is absent (its flag bit is clear). Header values follow the field-table mapping of
 * {@link FieldValues}.
 *
 * @param contentType     MIME content type
 * @param contentEncoding MIME content encoding (used by {@link Message#bodyAsString()})
 * @param headers         application headers (field table)
 * @param deliveryMode    1 non-persistent, 2 persistent
 * @param priority        0 to 9 (octet)
 * @param correlationId   application correlation identifier
 * @param replyTo         address to reply to
 * @param expiration      per-message TTL in milliseconds, as a string (RabbitMQ)
 * @param messageId       application message identifier
 * @param timestamp       message timestamp, whole seconds (UTC)
 * @param type            message type name
 * @param userId          creating user id (RabbitMQ validates it against the connection's user)
 * @param appId           creating application id
 * @param clusterId       deprecated intra-cluster routing identifier
 */
public record BasicProperties(
        String contentType,
        String contentEncoding,
        Map<String, Object> headers,
        Integer deliveryMode,
        Integer priority,
        String correlationId,
        String replyTo,
        String expiration,
        String messageId,
        Instant timestamp,
        String type,
        String userId,
        String appId,
        String clusterId) {

    /** No property set. */
    public static final BasicProperties EMPTY =
            new BasicProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Validates octet ranges and freezes the header map. */
    public BasicProperties {
        if (deliveryMode != null && (deliveryMode < 0 || deliveryMode > 255)) {
            throw new InvalidArgumentException(
                    "basic properties", "delivery-mode", "must be an octet (1 or 2), was " + deliveryMode);
        }
        if (priority != null && (priority < 0 || priority > 255)) {
            throw new InvalidArgumentException(
                    "basic properties", "priority", "must be an octet (0-255; RabbitMQ uses 0-9), was " + priority);
        }
        if (headers != null) {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }
}
