package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Transacted (REQUIRED), set up as the WildFly tests' counting MDB (4 at once, prefetch 50):
 * reports every message it processes, with its redelivered flag, for the delivery rate.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = CountingMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "50")})
public class CountingMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-payara.in.count";
    public static final String DONE = QUEUE + ".done";

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(m.messageId() + "|" + m.redelivered()).build(), "", DONE);
        }
    }
}
