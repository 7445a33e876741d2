package org.amqpra.itapps;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnectionFactory;

/**
 * Publishes in a transaction of its own (REQUIRES_NEW), even when called from an MDB: such a
 * publish commits on its own, whatever becomes of the caller's transaction, and never rides on
 * the delivery's channel.
 */
@Stateless
public class AuditBean {
    private AmqpConnectionFactory cf;

    /** Looked up once per bean instance, not per call. */
    @PostConstruct
    void lookUpFactory() {
        cf = Results.factory();
    }

    /** Publishes {@code body} to {@code queue}, committed by a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String queue, String body) {
        Results.publish(cf, queue, body);
    }
}
