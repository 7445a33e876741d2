package org.amqpra.itapps;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Measures how many {@code onMessage} calls run at once with {@code maxConcurrency} 3: each
 * report is {@code id|running on entry|peak so far}.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "queue", propertyValue = ConcurrencyMdb.QUEUE),
            @ActivationConfigProperty(propertyName = "declare", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "3"),
            @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "5")
        })
public class ConcurrencyMdb implements AmqpMessageListener {
    public static final String QUEUE = "amqpra-it.in.concurrency";
    public static final String DONE = QUEUE + ".done";
    /** How long each call lasts: long enough for the other deliveries to overlap it. */
    private static final long HOLD_MILLIS = 40;

    private static final AtomicInteger CURRENT = new AtomicInteger();
    private static final AtomicInteger PEAK = new AtomicInteger();

    @Override
    public void onMessage(Message m) {
        int now = CURRENT.incrementAndGet();
        PEAK.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(HOLD_MILLIS);
            Results.publish(DONE, Results.id(m) + "|" + now + "|" + PEAK.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CURRENT.decrementAndGet();
        }
    }
}
