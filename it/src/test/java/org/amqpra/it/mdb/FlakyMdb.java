package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.amqpra.itapps.Results;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Not transacted: acked after onMessage returns. "fail-once" messages throw on their first
 * delivery; "poison" messages always throw and must end in the dead-letter queue after
 * 1 + maxRedeliveries (2) attempts while the others keep flowing.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = FlakyMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "deadLetterExchange", propertyValue = "amq.default"),
            @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = FlakyMdb.DLQ)
        })
@ResourceAdapter("amqp-ra.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FlakyMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.flaky";
    public static final String DONE = QUEUE + ".done";
    public static final String DLQ = QUEUE + ".dlq";

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        String body = m.bodyAsString();
        Results.publish(cf, DONE, "attempt|" + body + "|" + m.redelivered());
        if (body.startsWith("poison") || body.startsWith("fail-once") && !m.redelivered()) {
            throw new IllegalStateException("refusing " + body);
        }
        Results.publish(cf, DONE, "ok|" + body + "|" + m.redelivered());
    }
}
