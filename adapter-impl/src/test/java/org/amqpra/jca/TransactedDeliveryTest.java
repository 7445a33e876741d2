package org.amqpra.jca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.amqpra.Channel;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When an outbound publish is routed onto the MDB delivery's channel: only in the delivery's own
 * transaction, to the same broker as the same user, while the delivery runs. The registry here
 * is a stand-in holding the "current transaction" key; the channel is a real one.
 */
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

            assertNull(TransactedDelivery.channelFor(p.toBuilder().userid("someone-else").build()), "other user");
            assertNull(TransactedDelivery.channelFor(p.toBuilder().virtualHost("other").build()), "other vhost");
            assertNull(TransactedDelivery.channelFor(p.toBuilder().port(p.port() + 1).build()), "other broker");

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

    /** Holds the key of "the current transaction"; the rest of the registry is not used here. */
    private static final class CurrentTransaction implements TransactionSynchronizationRegistry {
        Object key;

        @Override public Object getTransactionKey() { return key; }
        @Override public void putResource(Object k, Object v) { throw new UnsupportedOperationException(); }
        @Override public Object getResource(Object k) { throw new UnsupportedOperationException(); }
        @Override public void registerInterposedSynchronization(Synchronization s) {
            throw new UnsupportedOperationException();
        }
        @Override public int getTransactionStatus() { throw new UnsupportedOperationException(); }
        @Override public void setRollbackOnly() { throw new UnsupportedOperationException(); }
        @Override public boolean getRollbackOnly() { throw new UnsupportedOperationException(); }
    }
}
