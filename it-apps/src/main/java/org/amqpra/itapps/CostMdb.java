package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * The MDB of the adapter cost benchmark: one delivery slot (as the plain consumer it is compared
 * with has one thread), transacted, publishing one reply to {@link #OUT} in the delivery's
 * transaction.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = CostMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "" + CostMdb.PREFETCH)
        })
public class CostMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-cost.mdb";
    /** Where the MDB and the plain consumer publish their replies. */
    public static final String OUT = "amqpra-cost.out";
    /** The MDB's prefetch, and the plain consumer's. */
    public static final int PREFETCH = 10;

    @Override
    public void onMessage(Message m) {
        Results.publish(OUT, m.bodyAsString());
    }
}
