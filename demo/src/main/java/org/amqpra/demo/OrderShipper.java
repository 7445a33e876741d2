package org.amqpra.demo;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.time.Duration;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Ships each new order: marks it SHIPPED and publishes {@code order.shipped}, both in the
 * delivery's transaction, which also acks the message. An order whose item is "fail-once" fails
 * its first delivery (and is redelivered); one whose item is "poison" fails every time, and after
 * {@code maxRedeliveries} the adapter dead-letters it to {@link Topology#DEAD_LETTER_QUEUE}.
 * The activation declares the exchange, the queue and the binding.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = Topology.SHIPPING_QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "exchange", propertyValue = Topology.EXCHANGE),
            @ActivationConfigProperty(propertyName = "exchangeType", propertyValue = "topic"),
            @ActivationConfigProperty(propertyName = "routingKey", propertyValue = Topology.CREATED),
            @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "redeliveryDelayMillis", propertyValue = "200"),
            @ActivationConfigProperty(propertyName = "deadLetterExchange", propertyValue = "amq.default"),
            @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = Topology.DEAD_LETTER_QUEUE)
        })
public class OrderShipper implements AmqpMessageListener {
    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory amqp;

    @EJB
    private OrderStore store;

    @Override
    public void onMessage(Message m) {
        long id = Long.parseLong(m.bodyAsString());
        if (store.awaitOrder(id, Duration.ofSeconds(5)) == null) {
            throw new IllegalStateException("order " + id + " is not in the database");
        }
        int attempt = store.countAttempt(id);
        String item = String.valueOf(m.headers().get("item"));
        if (item.startsWith("poison") || item.startsWith("fail-once") && attempt == 1) {
            throw new IllegalStateException("cannot ship order " + id + " (" + item + "), attempt " + attempt);
        }
        store.finish(id, "SHIPPED");
        try (AmqpConnection c = amqp.getConnection()) { // goes out with this delivery's commit
            c.channel()
                    .basicPublish(
                            Message.builder(Long.toString(id))
                                    .messageId("shipped-" + id)
                                    .persistent()
                                    .build(),
                            Topology.EXCHANGE,
                            Topology.SHIPPED);
        }
    }
}
