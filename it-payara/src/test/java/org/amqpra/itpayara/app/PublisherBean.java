package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** Publishes through the adapter's pooled factory inside a container-managed transaction. */
@Stateless
public class PublisherBean {
    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    /** Publishes {@code n} messages to {@code queue}; {@code fail} then throws, rolling them back. */
    public void publish(String queue, String prefix, int n, boolean fail) {
        try (AmqpConnection c = cf.getConnection()) {
            for (int i = 0; i < n; i++) {
                c.channel()
                        .basicPublish(
                                Message.builder(prefix + "-" + i)
                                        .messageId(prefix + "-" + i)
                                        .build(),
                                "",
                                queue);
            }
        }
        if (fail) {
            throw new IllegalStateException("rolled back on purpose");
        }
    }

    /**
     * Publishes {@code n} messages and keeps the connection {@code holdMillis} longer in the
     * transaction, counting the callers inside this method and those holding a connection handle.
     */
    public void publishHolding(String queue, String prefix, int n, long holdMillis) throws InterruptedException {
        CallerPeaks.IN_BEAN.enter();
        try (AmqpConnection c = cf.getConnection()) {
            CallerPeaks.WITH_CONNECTION.enter();
            try {
                for (int i = 0; i < n; i++) {
                    c.channel()
                            .basicPublish(
                                    Message.builder(prefix + "-" + i)
                                            .messageId(prefix + "-" + i)
                                            .build(),
                                    "",
                                    queue);
                }
                Thread.sleep(holdMillis);
            } finally {
                CallerPeaks.WITH_CONNECTION.leave();
            }
        } finally {
            CallerPeaks.IN_BEAN.leave();
        }
    }

    /** Publishes to an exchange that does not exist: the broker refuses it, the commit must fail. */
    public void publishToMissingExchange(String exchange) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("refused").build(), exchange, "k");
        }
    }
}
