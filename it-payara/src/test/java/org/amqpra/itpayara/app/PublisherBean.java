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
                c.channel().basicPublish(Message.builder(prefix + "-" + i).messageId(prefix + "-" + i).build(), "",
                        queue);
            }
        }
        if (fail) {
            throw new IllegalStateException("rolled back on purpose");
        }
    }
}
