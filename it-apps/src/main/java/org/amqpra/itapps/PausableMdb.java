package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Transacted, two at a time, each message taking half a millisecond of work: paused and resumed
 * by the operations ITs while messages flow; reports each message's id.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = PausableMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "2")
        })
public class PausableMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.pausable";
    public static final String DONE = QUEUE + ".done";

    @Override
    public void onMessage(Message m) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        Results.publish(DONE, Results.id(m));
    }
}
