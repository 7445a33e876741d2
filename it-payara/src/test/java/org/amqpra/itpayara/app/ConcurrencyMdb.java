package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Counts the {@code onMessage} calls that run at once with {@code maxConcurrency} 3 (bound to
 * the adapter by {@code WEB-INF/glassfish-ejb-jar.xml}); each report carries the count seen on
 * entry.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ConcurrencyMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "5")})
public class ConcurrencyMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-payara.in.concurrency";
    public static final String DONE = QUEUE + ".done";
    private static final AtomicInteger CURRENT = new AtomicInteger();

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        int now = CURRENT.incrementAndGet();
        try {
            Thread.sleep(40); // long enough for the other deliveries to overlap this one
            try (AmqpConnection c = cf.getConnection()) {
                c.channel().basicPublish(Message.builder("conc|" + m.messageId() + "|" + now).build(), "", DONE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CURRENT.decrementAndGet();
        }
    }
}
