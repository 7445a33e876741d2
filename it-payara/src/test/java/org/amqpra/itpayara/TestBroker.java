package org.amqpra.itpayara;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.testsupport.BrokerLocator;

/**
 * The tests' own connection to the broker (outside Payara): publishing test input, reading what
 * the application published, {@code rabbitmqctl}. Opened again when a test closed every broker
 * connection.
 */
final class TestBroker {
    private static Connection connection;
    private static Channel channel;

    private TestBroker() {}

    /** The broker of the tests: {@code AMQP_URI}, or the local one. */
    static String uri() {
        return BrokerLocator.uri();
    }

    /** An open channel of the tests' connection (opening a new connection if it was lost). */
    static synchronized Channel channel() {
        if (connection == null || !connection.isConnected()) {
            connection = Connection.open(ConnectionParameters.fromUri(uri()));
            channel = connection.channel();
        }
        return channel;
    }

    /** Opens a new connection for the tests, after one that the broker closed. */
    static synchronized void reconnect() {
        Connection old = connection;
        connection = null;
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException alreadyClosed) {
                // closed by the broker: nothing to do
            }
        }
        channel();
    }

    /** Everything left on {@code q}, drained. */
    static List<Message> drain(String q) {
        Channel ch = channel();
        List<Message> out = new ArrayList<>();
        Message m;
        while ((m = ch.basicGet(q, true)) != null) {
            out.add(m);
        }
        return out;
    }

    /** The message ids of everything left on {@code q}, drained. */
    static Set<String> idsOn(String q) {
        Set<String> ids = new HashSet<>();
        for (Message m : drain(q)) {
            ids.add(m.messageId());
        }
        return ids;
    }

    /** The message ids containing {@code run} of everything left on {@code q}, drained (the rest too). */
    static Set<String> idsOn(String q, String run) {
        Set<String> ids = new HashSet<>();
        for (String id : idsOn(q)) {
            if (id != null && id.contains(run)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Drains {@code q} until every id of {@code expected} arrived (or {@code seconds} passed),
     * then a little longer, and returns every id of {@code run} seen: unexpected ones show up too.
     */
    static Set<String> awaitIds(String q, String run, Set<String> expected, int seconds) throws InterruptedException {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
            seen.addAll(idsOn(q, run));
            TimeUnit.MILLISECONDS.sleep(20);
        }
        TimeUnit.MILLISECONDS.sleep(300);
        seen.addAll(idsOn(q, run));
        return seen;
    }
}
