package org.amqpra.jca.inbound;

import java.util.Map;
import org.amqpra.client.Connection;

/**
 * What a delivery slot may assume of the broker it consumes from, decided once per connection
 * from what the broker announced ({@code connection.start}'s server properties).
 *
 * <p>AMQP 0-9-1 leaves open what {@code tx.rollback} does to the channel's unacknowledged
 * deliveries. RabbitMQ leaves them unacknowledged, with their delivery tags: after an MDB's
 * transaction rolled back, the slot still holds the message and settles it on the same channel.
 * Apache Qpid Broker-J re-sends all of them with new tags (old tags then ack nothing), so a slot
 * that kept using the channel would process its prefetched messages twice and never settle the
 * failed one. Where a broker is not known to keep them, a slot starts over on a fresh channel
 * after a rolled-back delivery (closing the old one returns every unacked message to the queue)
 * and decides on the message's next delivery whether to dead-letter it.
 */
final class BrokerTraits {
    private BrokerTraits() {}

    /** Whether unacknowledged deliveries survive {@code tx.rollback} with their tags (RabbitMQ). */
    static boolean keepsDeliveriesAcrossTxRollback(Connection connection) {
        Map<String, Object> server = connection.serverProperties();
        Object product = server == null ? null : server.get("product");
        return product != null && String.valueOf(product).startsWith("RabbitMQ");
    }
}
