package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Transacted, one at a time, failing every message while {@link #BROKEN} is set (its database
 * down, say): with {@code maxConsecutiveFailures=3} its activation pauses itself; reports each
 * message it processes.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = FragileMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "maxConsecutiveFailures", propertyValue = "3"),
            @ActivationConfigProperty(propertyName = "redeliveryDelayMillis", propertyValue = "0")
        })
public class FragileMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.fragile";
    public static final String DONE = QUEUE + ".done";
    /** Set and cleared by the tests through {@link OperationsServlet}. */
    public static volatile boolean BROKEN = true;

    @Override
    public void onMessage(Message m) {
        if (BROKEN) {
            throw new IllegalStateException("the database is down");
        }
        Results.publish(DONE, Results.id(m));
    }
}
