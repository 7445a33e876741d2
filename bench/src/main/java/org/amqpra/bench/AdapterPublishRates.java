package org.amqpra.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.outbound.AmqpManagedConnectionFactory;

/**
 * Publishing outside a transaction through the adapter's pool ({@code createConnectionFactory()},
 * the code an application server runs minus the container) next to the raw client path it wraps,
 * in the same run, alternating which side goes first, several rounds (the first is warm-up):
 *
 * <ul>
 *   <li>{@code confirmed}: one publish per call, waiting for its confirm (the default), against
 *       a raw channel in confirm mode doing {@code basicPublish};
 *   <li>{@code pipelined}: one call publishing a batch with {@code basicPublishAsync} and one
 *       {@code waitForConfirms}, against the raw client doing the same;
 *   <li>{@code default vs off}: the default against {@code PublisherConfirms=false}
 *       (fire-and-forget), both through the adapter: the price of the guarantee.
 * </ul>
 *
 * <p>Prints, per row, each side's median rate, its lowest and highest round, and the ratio of
 * the medians. Usage: {@code AdapterPublishRates [--smoke] [--rounds N] [--host H] [--port P]}.
 */
public final class AdapterPublishRates {
    private static final int BATCH = 1000;

    private AdapterPublishRates() {}

    /** Runs the comparison and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        int rounds = 7;
        String host = "127.0.0.1";
        int port = 5672;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> {
                    smoke = true;
                    rounds = 2;
                }
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println(run(host, port, rounds, smoke ? 200 : 5_000, smoke ? 2 : 40));
    }

    /** A side of a row: publishes {@code count} messages to {@code queue} and returns the wall time. */
    private interface Side {
        long publish(String queue, int count) throws Exception;
    }

    /** Runs every row and returns the table. */
    static String run(String host, int port, int rounds, int singles, int batches) throws Exception {
        AmqpManagedConnectionFactory confirming = factory(host, port, null);
        AmqpManagedConnectionFactory unconfirmed = factory(host, port, false);
        AmqpConnectionFactory adapter = (AmqpConnectionFactory) confirming.createConnectionFactory();
        AmqpConnectionFactory adapterOff = (AmqpConnectionFactory) unconfirmed.createConnectionFactory();
        try (Connection raw = Connection.open(
                        ConnectionParameters.builder().host(host).port(port).build());
                Connection admin = Connection.open(
                        ConnectionParameters.builder().host(host).port(port).build())) {
            Channel rawCh = raw.channel();
            rawCh.confirmSelect();
            Channel adminCh = admin.channel();
            Message m = Message.builder(new byte[16]).build();
            Side adapterSingle = (q, n) -> timed(() -> {
                for (int i = 0; i < n; i++) {
                    try (AmqpConnection c = adapter.getConnection()) {
                        c.channel().basicPublish(m, "", q);
                    }
                }
            });
            Side rawSingle = (q, n) -> timed(() -> {
                for (int i = 0; i < n; i++) {
                    rawCh.basicPublish(m, "", q);
                }
            });
            Side adapterOffSingle = (q, n) -> timed(() -> {
                for (int i = 0; i < n; i++) {
                    try (AmqpConnection c = adapterOff.getConnection()) {
                        c.channel().basicPublish(m, "", q);
                    }
                }
            });
            Side adapterBatch = (q, n) -> timed(() -> {
                for (int b = 0; b < n / BATCH; b++) {
                    try (AmqpConnection c = adapter.getConnection()) {
                        pipelined(c.channel(), m, q);
                    }
                }
            });
            Side rawBatch = (q, n) -> timed(() -> {
                for (int b = 0; b < n / BATCH; b++) {
                    pipelined(rawCh, m, q);
                }
            });
            Map<String, Side[]> rows = new LinkedHashMap<>();
            rows.put("confirmed publish, one per call: adapter / raw client", new Side[] {adapterSingle, rawSingle});
            rows.put("pipelined, " + BATCH + " per call: adapter / raw client", new Side[] {adapterBatch, rawBatch});
            rows.put(
                    "adapter: confirmed (default) / PublisherConfirms=false",
                    new Side[] {adapterSingle, adapterOffSingle});
            StringBuilder table = new StringBuilder("| row | first side msg/s (median, lowest-highest) "
                    + "| second side msg/s (median, lowest-highest) | ratio of medians |\n|---|---|---|---|\n");
            for (Map.Entry<String, Side[]> row : rows.entrySet()) {
                int count = row.getKey().startsWith("pipelined") ? batches * BATCH : singles;
                double[][] rates = new double[2][rounds - 1];
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        int side = (r + k) % 2; // alternate which side goes first
                        String q = adminCh.queueDeclare().queue();
                        long nanos = row.getValue()[side].publish(q, count);
                        if (adminCh.queueDeclare(q, true, false, false, false, false, null)
                                        .messageCount()
                                < (side == 1 && row.getKey().contains("false") ? 0 : count)) {
                            throw new IllegalStateException("a confirmed publish is missing from " + q);
                        }
                        adminCh.queueDelete(q);
                        if (r > 0) {
                            rates[side][r - 1] = count / (nanos / 1e9);
                        }
                    }
                }
                double first = median(rates[0]);
                double second = median(rates[1]);
                table.append(String.format(
                        "| %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.2f |%n",
                        row.getKey(),
                        first,
                        min(rates[0]),
                        max(rates[0]),
                        second,
                        min(rates[1]),
                        max(rates[1]),
                        first / second));
            }
            return table.toString();
        } finally {
            confirming.closeBrokerConnections();
            unconfirmed.closeBrokerConnections();
        }
    }

    private static void pipelined(Channel ch, Message m, String q) {
        for (int i = 0; i < BATCH; i++) {
            ch.basicPublishAsync(m, "", q);
        }
        if (!ch.waitForConfirms(Duration.ofSeconds(60))) {
            throw new IllegalStateException("a pipelined publish was not acked");
        }
    }

    private static AmqpManagedConnectionFactory factory(String host, int port, Boolean confirms) throws Exception {
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost(host);
        ra.setPort(port);
        AmqpManagedConnectionFactory f = new AmqpManagedConnectionFactory();
        f.setResourceAdapter(ra);
        f.setPublisherConfirms(confirms);
        return f;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long timed(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return System.nanoTime() - t0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
