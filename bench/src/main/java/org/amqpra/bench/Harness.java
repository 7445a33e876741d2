package org.amqpra.bench;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs scenarios 1 to 6 with both clients against the same broker in the same JVM, alternating
 * which goes first, for several rounds (the first one is warm-up and not counted), then prints
 * the medians and ratios as a Markdown table. Each round's timed runs of a broker scenario
 * follow an untimed run of the same scenario (priming).
 *
 * <p>Usage: {@code Harness [--smoke] [--rounds N] [--only TEXT] [--host H] [--port P]};
 * {@code --only} runs the scenarios whose name contains TEXT, or one of several comma-separated
 * texts (e.g. {@code "64 KiB,consume"});
 * {@code --side ours} (or {@code theirs}) runs one client only, for profiling (scenarios 1 to
 * 3 and 6: the others are interleaved and always run both). With {@code -Dbench.verbose=true}
 * every single measurement is printed to standard error as well. {@code --pin} gives the local
 * broker a core of its own for the run ({@link CorePinning}).
 */
public final class Harness {
    private Harness() {}

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        int rounds = 9;
        String host = "127.0.0.1";
        int port = 5672;
        String only = "";
        String onlySide = "";
        boolean pin = false;
        int cores = Runtime.getRuntime().availableProcessors(); // before --pin narrows what the JVM sees
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke":
                    smoke = true;
                    rounds = 1;
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--host":
                    host = args[++i];
                    break;
                case "--port":
                    port = Integer.parseInt(args[++i]);
                    break;
                case "--only":
                    only = args[++i];
                    break;
                case "--side":
                    onlySide = args[++i];
                    break;
                case "--pin":
                    pin = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Report r;
        String pinning = "";
        try (CorePinning pinned = pin ? CorePinning.apply(BrokerQuiet.find().pid()) : null) {
            if (pinned != null) {
                pinning = " (" + pinned.describe() + ")";
                System.err.println(pinned.describe());
            }
            r = run(host, port, smoke ? Scenarios.smoke() : Scenarios.full(), rounds, !smoke, only, onlySide);
        }
        System.out.println();
        System.out.println("Machine: " + cores + " cores, Java "
                + System.getProperty("java.version") + ", host "
                + InetAddress.getLocalHost().getHostName()
                + ", " + Instant.now() + (smoke ? " (SMOKE RUN: numbers mean nothing)" : "") + pinning);
        System.out.println(r.markdown());
        System.out.println("Lowest and highest round of each client:");
        System.out.println();
        System.out.println(r.spreadMarkdown());
    }

    /** One scenario, run against a freshly opened client ({@code filler} fills queues for it). */
    private interface Scenario {
        Measurement run(BenchClient client, BenchClient filler, Scenarios.ClientFactory factory) throws Exception;
    }

    private static final String ROUND_TRIP = "4. round trip";
    private static final String ROUND_TRIP_DRAIN = "4. round trip, ours in drainEvents";
    private static final String TRANSACTIONS = "5. transactions";

    private static Map<String, Scenario> scenarios(Scenarios.Sizes s) {
        Map<String, Scenario> m = new LinkedHashMap<>();
        m.put("1. publish 16 B", (c, f, cf) -> Scenarios.publish(c, 16, s.publish16()));
        m.put("1. publish 1 KiB", (c, f, cf) -> Scenarios.publish(c, 1024, s.publish1k()));
        m.put("1. publish 64 KiB", (c, f, cf) -> Scenarios.publish(c, 65536, s.publish64k()));
        m.put("2. confirms, window 1000", (c, f, cf) -> Scenarios.confirmed(c, s.confirmed()));
        m.put("3. consume, ack each", (c, f, cf) -> Scenarios.consume(c, f, s.consumed(), 1));
        m.put("3. consume, ack 250 multiple", (c, f, cf) -> Scenarios.consume(c, f, s.consumed(), 250));
        m.put(ROUND_TRIP, null); // interleaved: all clients in one run, see run()
        m.put(TRANSACTIONS, null); // interleaved: both clients in one run, see run()
        m.put("6. no broker: sink", (c, f, cf) -> Scenarios.sink(cf, s.loopback()));
        m.put("6. no broker: source", (c, f, cf) -> Scenarios.source(cf, s.loopback()));
        return m;
    }

    /**
     * Runs every scenario {@code rounds} times per client (plus one warm-up round when asked).
     * The two clients take turns scenario by scenario, the first alternating from round to
     * round, so that a drift of the broker's state (memory, its own GC) falls on both alike.
     */
    static Report run(
            String host, int port, Scenarios.Sizes s, int rounds, boolean warmup, String only, String onlySide)
            throws Exception {
        Report report = new Report();
        Scenarios.ClientFactory ours = OurClient::new;
        Scenarios.ClientFactory theirs = RabbitClient::new;
        int total = rounds + (warmup ? 1 : 0);
        BrokerQuiet quiet = warmup ? BrokerQuiet.find() : null; // not in the smoke run
        if (quiet != null) {
            System.err.println(quiet.describe());
        }
        for (int round = 0; round < total; round++) {
            boolean counted = !warmup || round > 0;
            for (Map.Entry<String, Scenario> e : scenarios(s).entrySet()) {
                if (!selected(e.getKey(), only)) {
                    continue;
                }
                boolean interleaved =
                        e.getKey().equals(ROUND_TRIP) || e.getKey().equals(TRANSACTIONS);
                if (quiet != null && interleaved) {
                    awaitQuiet(quiet, e.getKey());
                }
                if (e.getKey().equals(ROUND_TRIP)) {
                    // Ours twice: callbacks on a dispatch thread (as the RabbitMQ client runs
                    // its consumers, and as deliveries run in the container), and in
                    // drainEvents on the waiting thread (amqpy's model). Theirs once, shared.
                    try (BenchClient a = OurClient.withDispatchThread(host, port);
                            BenchClient d = ours.open(host, port);
                            BenchClient b = theirs.open(host, port)) {
                        Measurement[] all = Scenarios.latency(new BenchClient[] {a, d, b}, s.roundTrips());
                        record(report, counted, ROUND_TRIP, true, all[0]);
                        record(report, counted, ROUND_TRIP, false, all[2]);
                        record(report, counted, ROUND_TRIP_DRAIN, true, all[1]);
                        record(report, counted, ROUND_TRIP_DRAIN, false, all[2]);
                    }
                    continue;
                }
                if (e.getKey().equals(TRANSACTIONS)) {
                    try (BenchClient a = ours.open(host, port);
                            BenchClient b = theirs.open(host, port)) {
                        Measurement[] both =
                                Scenarios.transactions(new BenchClient[] {a, b}, s.txSingle(), s.txBatched());
                        record(report, counted, TRANSACTIONS, true, both[0]);
                        record(report, counted, TRANSACTIONS, false, both[1]);
                    }
                    continue;
                }
                boolean broker = usesBroker(e.getKey());
                for (int side = 0; side < 2; side++) {
                    boolean isOurs = (round + side) % 2 == 0; // alternate who goes first
                    if (!side(isOurs).contains(onlySide)) {
                        continue;
                    }
                    Scenarios.ClientFactory f = isOurs ? ours : theirs;
                    if (broker) {
                        // The broker's first run of a scenario after a different one is slower
                        // for whichever client makes it (measured: 64 KiB publishes 15,000-19,000
                        // msg/s first, 20,000-29,500 second, for both clients). And a client's
                        // run right after the other client's costs it more CPU than one right
                        // after its own (confirms, 2026-11-27: +12-16% for either client in the
                        // second place of a round, presumably caches the other's run had filled). So each
                        // timed run follows an untimed run of the same scenario by the same
                        // client, and both meet the broker and the machine in the same state.
                        if (quiet != null) {
                            awaitQuiet(quiet, e.getKey());
                        }
                        try (BenchClient c = f.open(host, port);
                                BenchClient filler = theirs.open(host, port)) {
                            Measurement priming = e.getValue().run(c, filler, f);
                            if (Boolean.getBoolean("bench.verbose")) {
                                System.err.printf("%s %s (priming): %s%n", e.getKey(), side(isOurs), priming.metrics);
                            }
                        }
                        if (quiet != null) {
                            awaitQuiet(quiet, e.getKey());
                        }
                    }
                    try (BenchClient c = f.open(host, port);
                            BenchClient filler = theirs.open(host, port)) {
                        record(report, counted, e.getKey(), isOurs, e.getValue().run(c, filler, f));
                    }
                }
            }
            System.err.printf("round %d/%d done%n", round + 1, total);
        }
        return report;
    }

    private static void awaitQuiet(BrokerQuiet quiet, String scenario) throws InterruptedException {
        long waited = quiet.await();
        if (Boolean.getBoolean("bench.verbose")) {
            System.err.printf("%s: waited %d ms for an idle broker%n", scenario, waited);
        }
    }

    /** Whether a scenario runs against the broker (all but scenario 6, which has its own loopback peer). */
    private static boolean usesBroker(String scenario) {
        return !scenario.startsWith("6.");
    }

    /** Whether {@code scenario} contains one of the comma-separated texts of {@code only}. */
    private static boolean selected(String scenario, String only) {
        for (String text : only.split(",")) {
            if (scenario.contains(text.trim())) {
                return true;
            }
        }
        return false;
    }

    private static String side(boolean ours) {
        return ours ? "ours" : "theirs";
    }

    private static void record(Report r, boolean counted, String scenario, boolean ours, Measurement m) {
        if (Boolean.getBoolean("bench.verbose")) {
            System.err.printf("%s %s%s: %s%n", scenario, side(ours), counted ? "" : " (warm-up)", m.metrics);
        }
        if (counted) {
            r.add(scenario, ours, m);
        }
    }
}
