package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Transacted (REQUIRED): reports every message it processes, with its redelivered flag. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = CountingMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "reconnectInitialDelayMillis", propertyValue = "200")})
@ResourceAdapter("amqp-ra.rar")
public class CountingMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.count";
    public static final String DONE = QUEUE + ".done";

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        Results.publish(cf, DONE, Results.id(m) + "|" + m.redelivered());
    }
}
