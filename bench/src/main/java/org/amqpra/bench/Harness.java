package org.amqpra.bench;

import java.net.InetAddress;
import java.time.Instant;

/**
 * Runs scenarios 1 to 6 with both clients against the same broker in the same JVM, alternating
 * which goes first, for several rounds (the first one is warm-up and not counted), then prints
 * the medians and ratios as a Markdown table.
 *
 * <p>Usage: {@code Harness [--smoke] [--rounds N] [--host H] [--port P]}.
 */
public final class Harness {
    private Harness() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        int rounds = 5;
        String host = "127.0.0.1";
        int port = 5672;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke": smoke = true; rounds = 1; break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--host": host = args[++i]; break;
                case "--port": port = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Report r = run(host, port, smoke ? Scenarios.smoke() : Scenarios.full(), rounds, !smoke);
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", host " + InetAddress.getLocalHost().getHostName()
                + ", " + Instant.now() + (smoke ? " (SMOKE RUN: numbers mean nothing)" : ""));
        System.out.println(r.markdown());
    }

    /** Runs every scenario {@code rounds} times per client (plus one warm-up round when asked). */
    static Report run(String host, int port, Scenarios.Sizes s, int rounds, boolean warmup) throws Exception {
        Report report = new Report();
        Scenarios.ClientFactory ours = OurClient::new;
        Scenarios.ClientFactory theirs = RabbitClient::new;
        int total = rounds + (warmup ? 1 : 0);
        for (int round = 0; round < total; round++) {
            boolean counted = !warmup || round > 0;
            for (int side = 0; side < 2; side++) {
                boolean isOurs = (round + side) % 2 == 0; // alternate who goes first
                Scenarios.ClientFactory f = isOurs ? ours : theirs;
                try (BenchClient c = f.open(host, port); BenchClient filler = theirs.open(host, port)) {
                    record(report, counted, "1. publish 16 B", isOurs, Scenarios.publish(c, 16, s.publish16()));
                    record(report, counted, "1. publish 1 KiB", isOurs, Scenarios.publish(c, 1024, s.publish1k()));
                    record(report, counted, "1. publish 64 KiB", isOurs, Scenarios.publish(c, 65536, s.publish64k()));
                    record(report, counted, "2. confirms, window 1000", isOurs, Scenarios.confirmed(c, s.confirmed()));
                    record(report, counted, "3. consume, ack each", isOurs, Scenarios.consume(c, filler, s.consumed(), 1));
                    record(report, counted, "3. consume, ack 250 multiple", isOurs,
                            Scenarios.consume(c, filler, s.consumed(), 250));
                    record(report, counted, "4. round trip", isOurs, Scenarios.latency(c, s.roundTrips()));
                    record(report, counted, "5. transactions", isOurs,
                            Scenarios.transactions(c, s.txSingle(), s.txBatched()));
                }
                record(report, counted, "6. no broker: sink", isOurs, Scenarios.sink(f, s.loopback()));
                record(report, counted, "6. no broker: source", isOurs, Scenarios.source(f, s.loopback()));
                System.err.printf("round %d/%d %s done%n", round + 1, total, isOurs ? "amqp-ra" : "rabbitmq-java");
            }
        }
        return report;
    }

    private static void record(Report r, boolean counted, String scenario, boolean ours, Measurement m) {
        if (counted) {
            r.add(scenario, ours, m);
        }
    }
}
