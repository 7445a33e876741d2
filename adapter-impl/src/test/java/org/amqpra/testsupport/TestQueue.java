package org.amqpra.testsupport;

import java.time.Duration;
import org.amqpra.Channel;
import org.amqpra.client.Connection;

/**
 * A non-durable queue of one test, declared on a plain connection of its own (outside whatever
 * the test exercises), for checking what reached the broker. Closing it deletes the queue.
 */
public final class TestQueue implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;
    private final String name;

    private TestQueue(String prefix) {
        connection = Broker.connect();
        channel = connection.channel();
        name = Names.unique(prefix);
        channel.queueDeclare(name, false, false, false, false, false, null);
    }

    /** Declares a fresh queue named after {@code prefix}. */
    public static TestQueue declare(String prefix) {
        return new TestQueue(prefix);
    }

    public String name() {
        return name;
    }

    /** The checking connection's channel. */
    public Channel channel() {
        return channel;
    }

    /** Messages ready in the queue. */
    public long depth() {
        return channel.queueDeclare(name, true, false, false, false, false, null)
                .messageCount();
    }

    /** Waits up to 5 s for the queue to hold exactly {@code n} messages. */
    public void awaitDepth(long n) {
        Await.until(Duration.ofSeconds(5), name + " holding " + n + " messages", () -> depth() == n);
    }

    @Override
    public void close() {
        try {
            channel.queueDelete(name);
        } finally {
            connection.close();
        }
    }
}
