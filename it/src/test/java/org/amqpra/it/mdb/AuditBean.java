package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnectionFactory;

/**
 * Publishes in a transaction of its own (REQUIRES_NEW), even when called from an MDB: such a
 * publish must commit on its own, never ride on the delivery's transaction.
 */
@Stateless
public class AuditBean {
    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String queue, String body) {
        Results.publish(cf, queue, body);
    }
}
