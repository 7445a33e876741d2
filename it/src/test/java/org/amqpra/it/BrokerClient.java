package org.amqpra.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.amqpra.AmqpException;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.testsupport.BrokerLocator;

/**
 * The test JVM's own plain client: publishes inputs and collects what the MDBs report. Survives
 * {@code rabbitmqctl close_all_connections} by reconnecting.
 */
final class BrokerClient implements AutoCloseable {
    private final String uri;
    private Connection conn;
    private Channel ch;

    BrokerClient() {
        this(BrokerLocator.uri());
    }

    /** A client of the broker at {@code uri} (the embedded Qpid Broker-J, say). */
    BrokerClient(String uri) {
        this.uri = uri;
        connect();
    }

    private void connect() {
        conn = Connection.open(ConnectionParameters.fromUri(uri));
        ch = conn.channel();
    }

    Channel channel() {
        if (!conn.isConnected()) {
            connect();
        }
        return ch;
    }

    /** A fresh, empty results queue. */
    void resetQueue(String q) {
        channel().queueDeclare(q, false, false, false, false, false, null);
        channel().queuePurge(q);
    }

    /** A fresh, empty, durable results queue (deleted first: it may exist with other properties). */
    void resetDurableQueue(String q) {
        channel().queueDelete(q);
        channel().queueDeclare(q, false, true, false, false, false, null);
    }

    void publish(String queue, String messageId, String body, boolean persistent) {
        Message.Builder b = Message.builder(body).messageId(messageId);
        if (persistent) {
            b.persistent();
        }
        channel().basicPublish(b.build(), "", queue);
    }

    long depth(String q) {
        return channel().queueDeclare(q, true, false, false, false, false, null).messageCount();
    }

    /** Takes every message from {@code q} into {@code into} until {@code done} holds or the time is up. */
    List<String> collect(String q, List<String> into, Predicate<List<String>> done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.test(into) && System.nanoTime() < deadline) {
            try {
                Message m = channel().basicGet(q, true);
                if (m == null) {
                    TimeUnit.MILLISECONDS.sleep(20);
                } else {
                    into.add(m.bodyAsString());
                }
            } catch (AmqpException e) {
                TimeUnit.MILLISECONDS.sleep(200); // broker dropped us: reconnect on next use
            }
        }
        return into;
    }

    /** Everything left in {@code q}, drained. */
    List<Message> drain(String q) {
        List<Message> out = new ArrayList<>();
        Message m;
        while ((m = channel().basicGet(q, true)) != null) {
            out.add(m);
        }
        return out;
    }

    void delete(String q) {
        try {
            channel().queueDelete(q);
        } catch (AmqpException ignored) {
            // best effort cleanup
        }
    }

    Map<String, Object> serverProperties() {
        return conn.serverProperties();
    }

    @Override
    public void close() {
        conn.close();
    }
}
