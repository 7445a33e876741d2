package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.Results;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Transacted consumer of a durable queue, for the forced-close and broker-restart tests: its
 * reports are persistent, to a durable queue, so that they survive the broker's restart too.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = DurableMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "4"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "20"),
            @ActivationConfigProperty(propertyName = "reconnectInitialDelayMillis", propertyValue = "200")
        })
@ResourceAdapter("amqp-ra.rar")
public class DurableMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.durable";
    public static final String DONE = QUEUE + ".done";
    public static final String ATTEMPTS = QUEUE + ".attempts";

    @EJB
    private AuditBean audit;

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        // committed on its own first: proof that the message was processed, whatever becomes of
        // the delivery's transaction (its reply and ack)
        audit.recordDurably(ATTEMPTS, Results.id(m));
        Results.publishPersistent(cf, DONE, Results.id(m) + "|" + m.redelivered());
    }
}
