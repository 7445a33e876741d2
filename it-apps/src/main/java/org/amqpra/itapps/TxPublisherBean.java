package org.amqpra.itapps;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** Publishes one message through the default factory in a container-managed transaction, committed or rolled back. */
@Stateless
public class TxPublisherBean {
    @Resource
    private SessionContext context;

    /** Publishes {@code body} to {@code queue}; with {@code rollback} the transaction is rolled back. */
    public void publish(String queue, String body, boolean rollback) {
        Results.publish(queue, body);
        if (rollback) {
            context.setRollbackOnly();
        }
    }
}
