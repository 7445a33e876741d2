package org.amqpra.demo;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Marks dead-lettered orders DEAD_LETTERED. Its activation declares the dead-letter queue, which
 * must exist before the shipper's first dead letter (the adapter publishes dead letters
 * mandatory: an unroutable one leaves the message in its queue).
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = Topology.DEAD_LETTER_QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true")
        })
public class DeadLetterRecorder implements AmqpMessageListener {
    @EJB
    private OrderStore store;

    @Override
    public void onMessage(Message m) {
        store.finish(Long.parseLong(m.bodyAsString()), "DEAD_LETTERED");
    }
}
