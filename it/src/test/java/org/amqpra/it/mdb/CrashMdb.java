package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.TimeUnit;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.Results;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Transacted, one delivery at a time, for the server-crash test: records every attempt at once
 * (REQUIRES_NEW), then, for a first delivery of a "block" message, works long enough for the
 * test to kill the server in the middle; otherwise reports the message done in its own
 * transaction, with the ack.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = CrashMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "reconnectInitialDelayMillis", propertyValue = "200")
        })
@ResourceAdapter("amqp-ra.rar")
public class CrashMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.crash";
    public static final String ATTEMPTS = QUEUE + ".attempts";
    public static final String DONE = QUEUE + ".done";

    @EJB
    private AuditBean audit;

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        String report = Results.id(m) + "|" + m.redelivered();
        audit.record(ATTEMPTS, report);
        if (m.bodyAsString().startsWith("block") && !m.redelivered()) {
            try {
                TimeUnit.SECONDS.sleep(120); // the test kills the server during this
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Results.publishPersistent(cf, DONE, report);
    }
}
