package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Transacted, one at a time, whose activation MBean the operations ITs read: "fail-once"
 * messages throw on their first delivery, "poison" ones on every delivery (dead-lettered by
 * the adapter after one redelivery), the rest are reported as {@code id|redelivered|own loader},
 * the last part whether {@code onMessage} runs with the application's own context class loader
 * (the adapter submits its work with a neutral one; the container must set the bean's).
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = OperationsMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "redeliveryDelayMillis", propertyValue = "0"),
            @ActivationConfigProperty(propertyName = "deadLetterExchange", propertyValue = "amq.default"),
            @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = OperationsMdb.DLQ)
        })
public class OperationsMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.ops";
    public static final String DONE = QUEUE + ".done";
    public static final String DLQ = QUEUE + ".dlq";

    @Override
    public void onMessage(Message m) {
        String id = Results.id(m);
        if (id.startsWith("poison") || id.startsWith("fail-once") && !m.redelivered()) {
            throw new IllegalStateException("failing " + id);
        }
        boolean ownLoader = Thread.currentThread().getContextClassLoader() == OperationsMdb.class.getClassLoader();
        Results.publish(DONE, id + "|" + m.redelivered() + "|" + ownLoader);
    }
}
