package org.amqpra.itpayara.slow;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/** Slow transacted consumer, undeployed while messages flow; reports what it processed. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = SlowMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10")})
public class SlowMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-payara.slow";
    public static final String DONE = QUEUE + ".done";

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(m.messageId()).build(), "", DONE);
        }
    }
}
