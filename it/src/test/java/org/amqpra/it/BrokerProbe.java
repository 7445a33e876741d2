package org.amqpra.it;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.testsupport.BrokerLocator;

/** A plain client connection (outside the adapter's pool) that checks what is on the broker. */
final class BrokerProbe implements AutoCloseable {
    private final Connection conn;
    private final Channel ch;

    BrokerProbe() {
        conn = Connection.open(ConnectionParameters.fromUri(BrokerLocator.uri()));
        ch = conn.channel();
    }

    /** Declares a fresh non-exclusive queue (the adapter publishes from other connections). */
    String freshQueue(String prefix) {
        return freshQueue(prefix, null);
    }

    /** As {@link #freshQueue(String)}, with queue arguments. */
    String freshQueue(String prefix, Map<String, Object> arguments) {
        String q = "amqpra-it." + prefix + "." + System.nanoTime();
        ch.queueDeclare(q, false, false, false, false, false, arguments);
        return q;
    }

    /** A fresh durable queue, for messages that must survive a broker restart. */
    String freshDurableQueue(String prefix) {
        String q = "amqpra-it." + prefix + "." + System.nanoTime();
        ch.queueDeclare(q, false, true, false, false, false, null);
        return q;
    }

    long depth(String q) {
        return ch.queueDeclare(q, true, false, false, false, false, null).messageCount();
    }

    /** Waits up to {@code seconds} for the queue to hold exactly {@code n} messages. */
    long awaitDepth(String q, long n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long d = depth(q);
        while (d != n && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(25);
            d = depth(q);
        }
        return d;
    }

    Message get(String q) {
        return ch.basicGet(q, true);
    }

    void delete(String q) {
        ch.queueDelete(q);
    }

    @Override
    public void close() {
        conn.close();
    }
}
