package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Not transacted: acked after onMessage returns. Reports {@code attempt|id|redelivered} for every
 * delivery and {@code ok|id|redelivered} for each it processed ({@link Results#id}: the message
 * id, else the body). "fail-once" messages throw on their first delivery; "poison" messages
 * always throw and must end in the dead-letter queue after 1 + maxRedeliveries (2) attempts while
 * the others keep flowing.
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
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FlakyMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.flaky";
    public static final String DONE = QUEUE + ".done";
    public static final String DLQ = QUEUE + ".dlq";

    @Override
    public void onMessage(Message m) {
        String id = Results.id(m);
        Results.publish(DONE, "attempt|" + id + "|" + m.redelivered());
        if (id.startsWith("poison") || id.startsWith("fail-once") && !m.redelivered()) {
            throw new IllegalStateException("refusing " + id);
        }
        Results.publish(DONE, "ok|" + id + "|" + m.redelivered());
    }
}
