package org.amqpra.it.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Measures how many onMessage calls run at once with maxConcurrency 3. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ConcurrencyMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "5")})
@ResourceAdapter("amqp-ra.rar")
public class ConcurrencyMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.concurrency";
    public static final String DONE = QUEUE + ".done";
    private static final AtomicInteger CURRENT = new AtomicInteger();
    private static final AtomicInteger PEAK = new AtomicInteger();

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Override
    public void onMessage(Message m) {
        int now = CURRENT.incrementAndGet();
        PEAK.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(40);
            Results.publish(cf, DONE, Results.id(m) + "|" + now + "|" + PEAK.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CURRENT.decrementAndGet();
        }
    }
}
