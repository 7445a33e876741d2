package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Transacted (REQUIRED): reports every message it processes as {@code id|redelivered}, in its
 * transaction. Four at once, prefetch 50: the delivery-rate MDB of both suites.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = CountingMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "4"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "50"),
            @ActivationConfigProperty(propertyName = "reconnectInitialDelayMillis", propertyValue = "200")
        })
public class CountingMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.count";
    public static final String DONE = QUEUE + ".done";

    @Override
    public void onMessage(Message m) {
        Results.publish(DONE, Results.id(m) + "|" + m.redelivered());
    }
}
