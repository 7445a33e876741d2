package org.amqpra.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/** A plain client connection (outside the adapter's pool) that checks what is on the broker. */
final class BrokerProbe implements AutoCloseable {
    private final Connection conn;
    private final Channel ch;

    BrokerProbe() {
        String uri = System.getenv().getOrDefault("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/%2F");
        conn = Connection.open(ConnectionParameters.fromUri(uri));
        ch = conn.channel();
    }

    /** Declares a fresh non-exclusive queue (the adapter publishes from other connections). */
    String freshQueue(String prefix) {
        String q = "amqpra-it." + prefix + "." + System.nanoTime();
        ch.queueDeclare(q, false, false, false, false, false, null);
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

    /** {@code rabbitmqctl args...} against the local broker. */
    static String rabbitmqctl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "rabbitmqctl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        conn.close();
    }
}
