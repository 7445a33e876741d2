package org.amqpra.itpayara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * The tests' own connection to the broker (outside Payara): publishing test input, reading what
 * the application published, {@code rabbitmqctl}. Opened again when a test closed every broker
 * connection.
 */
final class TestBroker {
    private static Connection connection;
    private static Channel channel;

    private TestBroker() {
    }

    /** The broker of the tests: {@code AMQP_URI}, or the local one. */
    static String uri() {
        String env = System.getenv("AMQP_URI");
        return env != null && !env.isBlank() ? env : "amqp://guest:guest@127.0.0.1:5672/%2F";
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

    /** Runs {@code rabbitmqctl} with {@code args}; fails unless it succeeds within 60 s. */
    static void rabbitmqctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rabbitmqctl " + String.join(" ", args) + " took over 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "rabbitmqctl " + String.join(" ", args) + ": " + out);
    }
}
