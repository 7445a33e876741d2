package org.amqpra.jca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.amqpra.Channel;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.CurrentTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * When an outbound publish is routed onto the MDB delivery's channel: only in the delivery's own
 * transaction, to the same broker as the same user, while the delivery runs. The registry here
 * is a stand-in holding the "current transaction" key; the channel is a real one.
 */
@Tag("broker")
class TransactedDeliveryTest {
    private final CurrentTransaction registry = new CurrentTransaction();

    @AfterEach
    void leave() {
        TransactedDelivery.leave();
    }

    @Test
    void routesOnlyWithinTheSameTransactionToTheSameBrokerAndUser() {
        try (Connection conn = Broker.connect()) {
            Channel delivery = conn.channel();
            ConnectionParameters p = conn.parameters();
            registry.key = "tx-1";
            assertTrue(TransactedDelivery.enter(delivery, p, registry));
            assertSame(delivery, TransactedDelivery.channelFor(p));

            assertNull(
                    TransactedDelivery.channelFor(
                            p.toBuilder().userid("someone-else").build()),
                    "other user");
            assertNull(
                    TransactedDelivery.channelFor(
                            p.toBuilder().virtualHost("other").build()),
                    "other vhost");
            assertNull(
                    TransactedDelivery.channelFor(
                            p.toBuilder().port(p.port() + 1).build()),
                    "other broker");

            registry.key = "tx-2"; // a REQUIRES_NEW method's transaction
            assertNull(TransactedDelivery.channelFor(p));
            registry.key = null; // NOT_SUPPORTED: no transaction
            assertNull(TransactedDelivery.channelFor(p));
            registry.key = "tx-1";
            assertSame(delivery, TransactedDelivery.channelFor(p));

            TransactedDelivery.leave();
            assertNull(TransactedDelivery.channelFor(p), "after onMessage");
        }
    }

    @Test
    void noTransactionOrNoRegistryMeansNoRouting() {
        try (Connection conn = Broker.connect()) {
            Channel delivery = conn.channel();
            registry.key = null;
            assertFalse(TransactedDelivery.enter(delivery, conn.parameters(), registry));
            assertFalse(TransactedDelivery.enter(delivery, conn.parameters(), null));
            assertNull(TransactedDelivery.channelFor(conn.parameters()));
        }
    }

    @Test
    void aClosedDeliveryChannelIsNeverUsed() {
        try (Connection conn = Broker.connect()) {
            Channel delivery = conn.channel();
            registry.key = "tx-1";
            assertTrue(TransactedDelivery.enter(delivery, conn.parameters(), registry));
            delivery.close();
            assertNull(TransactedDelivery.channelFor(conn.parameters()));
        }
    }
}
