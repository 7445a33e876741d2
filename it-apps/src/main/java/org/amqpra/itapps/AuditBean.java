package org.amqpra.itapps;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Publishes in a transaction of its own (REQUIRES_NEW), even when called from an MDB: such a
 * publish commits on its own, whatever becomes of the caller's transaction, and never rides on
 * the delivery's channel.
 */
@Stateless
public class AuditBean {
    /** Publishes {@code body} to {@code queue}, committed by a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String queue, String body) {
        Results.publish(queue, body);
    }

    /** As {@link #record}, persistent: the record survives a broker restart on a durable queue. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordDurably(String queue, String body) {
        Results.publishPersistent(queue, body);
    }
}
