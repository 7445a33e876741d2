package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Not transacted: acked after onMessage returns. "poison" messages always throw and must end in
 * the dead-letter queue after 1 + maxRedeliveries (2) attempts; the others are reported.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = PoisonMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "1"),
            @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "redeliveryDelayMillis", propertyValue = "50"),
            @ActivationConfigProperty(propertyName = "deadLetterExchange", propertyValue = "amq.default"),
            @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = PoisonMdb.DLQ)
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PoisonMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-payara.poison";
    public static final String DONE = QUEUE + ".done";
    public static final String DLQ = QUEUE + ".dlq";

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        String what = m.messageId().startsWith("poison") ? "attempt|" : "ok|";
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(what + m.messageId()).build(), "", DONE);
        }
        if (what.equals("attempt|")) {
            throw new IllegalStateException("refusing " + m.messageId());
        }
    }
}
