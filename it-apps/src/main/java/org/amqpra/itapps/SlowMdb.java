package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * A slow transacted consumer (a few milliseconds a message), deployed and undeployed while
 * messages flow; reports the id of each message it processed.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = SlowMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10")
        })
public class SlowMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.undeploy";
    public static final String DONE = QUEUE + ".done";
    private static final long WORK_MILLIS = 3;

    @Override
    public void onMessage(Message m) {
        try {
            Thread.sleep(WORK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Results.publish(DONE, Results.id(m));
    }
}
