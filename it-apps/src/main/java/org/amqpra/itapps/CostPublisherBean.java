package org.amqpra.itapps;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/**
 * The adapter side of the cost benchmark's publish rows: getConnection, one publish, close, in a
 * container-managed transaction (committed by the container: one {@code tx.commit}) or outside
 * one (a confirmed publish: the call returns when the broker acknowledged it).
 */
@Stateless
public class CostPublisherBean {
    /** Looked up once per deployment. */
    private static volatile AmqpConnectionFactory factory;

    private static AmqpConnectionFactory factory() {
        AmqpConnectionFactory cf = factory;
        if (cf == null) {
            factory = cf = Results.lookUpFactory();
        }
        return cf;
    }

    /** Publishes {@code m} to {@code queue} in the caller's new container-managed transaction. */
    public void publishInTransaction(String queue, Message m) {
        try (AmqpConnection c = factory().getConnection()) {
            c.channel().basicPublish(m, "", queue);
        }
    }

    /** Publishes {@code m} to {@code queue} outside any transaction, waiting for the broker's confirm. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publishConfirmed(String queue, Message m) {
        try (AmqpConnection c = factory().getConnection()) {
            c.channel().basicPublish(m, "", queue);
        }
    }
}
