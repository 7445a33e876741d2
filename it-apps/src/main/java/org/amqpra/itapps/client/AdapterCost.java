package org.amqpra.itapps.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amqpra.itapps.CostFloorBean;
import org.amqpra.itapps.CostMdb;
import org.amqpra.itapps.CostPublisherBean;
import org.amqpra.itapps.CostServlet;

/**
 * The adapter cost benchmark (issue 18), driven from the tests' JVM against {@link CostServlet}
 * in a running server: every row {@code n} times per round, one uncounted warm-up round, then
 * {@code rounds} counted rounds in alternating order (forward, then backward: each row of a pair
 * goes first in every other round). Reports per row the median time per operation, the lowest
 * and highest round, and the server's CPU per operation; per pair the ratio of the median rates
 * and the split of the adapter's time into the floor (an empty CMT call), the round trip (the
 * raw client's time) and the rest.
 */
public final class AdapterCost {
    /** What the server side needs in the application (with {@code Results}). */
    public static final List<Class<?>> SERVER_CLASSES =
            List.of(CostFloorBean.class, CostPublisherBean.class, CostMdb.class, CostServlet.class);

    /** The rows in their forward order. */
    public static final List<String> ROWS =
            List.of("floor", "adapter-tx", "raw-tx", "mdb", "plain-consumer", "adapter-confirm", "raw-confirm");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String brokerUri;

    /** The benchmark of the application at {@code base}, whose server reaches the broker at {@code brokerUri}. */
    public AdapterCost(String base, String brokerUri) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.brokerUri = brokerUri;
    }

    /** One round of one row: wall and server CPU nanoseconds for {@code n} operations. */
    public static final class Sample {
        final double wallMicrosPerOp;
        final double cpuMicrosPerOp;
        final double systemMicrosPerOp;
        final double switchesPerOp;

        Sample(double wallMicrosPerOp, double cpuMicrosPerOp, double systemMicrosPerOp, double switchesPerOp) {
            this.wallMicrosPerOp = wallMicrosPerOp;
            this.cpuMicrosPerOp = cpuMicrosPerOp;
            this.systemMicrosPerOp = systemMicrosPerOp;
            this.switchesPerOp = switchesPerOp;
        }
    }

    /**
     * What the server ITs run, set by system properties: {@code cost.profile=row,row} records
     * each named row alone under JFR ({@code target/cost-<server>-<row>.jfr}, after one unrecorded
     * run of it); otherwise the benchmark, {@code cost.rounds} (default 1) counted rounds of
     * {@code cost.n} (default 200) operations per row after a warm-up round of
     * {@code cost.warmup} (default 200), printed as a report. The defaults make it a smoke.
     *
     * @return the samples, or null when rows were profiled
     */
    public Map<String, List<Sample>> runAsConfigured(String server, String processMatch) {
        int n = Integer.getInteger("cost.n", 200);
        String profiled = System.getProperty("cost.profile");
        if (profiled != null) {
            for (String row : profiled.split(",")) {
                runRow(row, n);
                profile(row, n, java.nio.file.Path.of("target", "cost-" + server + "-" + row + ".jfr"), processMatch);
            }
            return null;
        }
        Map<String, List<Sample>> samples =
                run(Integer.getInteger("cost.rounds", 1), n, Integer.getInteger("cost.warmup", 200));
        System.out.println(report(server, samples, n));
        return samples;
    }

    /** Runs {@code row} {@code n} times in the server. */
    public Sample runRow(String row, int n) {
        String query = "row=" + row + "&n=" + n + "&broker=" + URLEncoder.encode(brokerUri, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "amqpra-cost?" + query))
                .timeout(Duration.ofMinutes(5))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("row " + row + ": HTTP " + r.statusCode() + " " + r.body());
            }
            Map<String, Long> f = new LinkedHashMap<>();
            for (String kv : r.body().trim().split(" ")) {
                f.put(kv.substring(0, kv.indexOf('=')), Long.parseLong(kv.substring(kv.indexOf('=') + 1)));
            }
            return new Sample(
                    f.get("nanos") / 1e3 / n,
                    f.get("cpu") / 1e3 / n,
                    f.get("sys") / 1e3 / n,
                    (double) f.get("switches") / n);
        } catch (IOException e) {
            throw new IllegalStateException("row " + row, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One warm-up round of {@code warmUp} operations per row, then {@code rounds} counted rounds of {@code n}. */
    public Map<String, List<Sample>> run(int rounds, int n, int warmUp) {
        for (String row : ROWS) {
            runRow(row, warmUp);
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        ROWS.forEach(r -> samples.put(r, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(ROWS);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (String row : order) {
                samples.get(row).add(runRow(row, n));
            }
        }
        return samples;
    }

    /**
     * Runs {@code row} {@code n} times under a Java Flight Recorder recording of the server
     * (started and stopped with {@code jcmd}, the server's JVM found by {@code processMatch}, a
     * part of its main class or jar: {@code jboss-modules.jar}, {@code ASMain}), written to
     * {@code jfr}; summarize it with the bench module's {@code JfrHotspots}.
     */
    public Sample profile(String row, int n, java.nio.file.Path jfr, String processMatch) {
        java.nio.file.Path settings = jfr.resolveSibling("amqpra-cost.jfc");
        try { // the JDK's "profile" settings, sampling every millisecond instead of every 10 ms
            String profile = java.nio.file.Files.readString(
                    java.nio.file.Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
            java.nio.file.Files.writeString(
                    settings,
                    profile.replace(
                            "control=\"method-sampling-java-interval\">10 ms",
                            "control=\"method-sampling-java-interval\">1 ms"));
        } catch (IOException e) {
            throw new IllegalStateException("the JDK's profile.jfc", e);
        }
        jcmd(
                processMatch,
                "JFR.start",
                "name=amqpra-cost",
                "settings=" + settings.toAbsolutePath(),
                "filename=" + jfr.toAbsolutePath());
        try {
            return runRow(row, n);
        } finally {
            jcmd(processMatch, "JFR.stop", "name=amqpra-cost");
        }
    }

    private static void jcmd(String... args) {
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
                    || p.exitValue() != 0
                    || out.contains("Exception")) {
                throw new IllegalStateException(command + ": " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The median of {@code values}. */
    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int m = v.size() / 2;
        return v.size() % 2 == 1 ? v.get(m) : (v.get(m - 1) + v.get(m)) / 2;
    }

    private static List<Double> wall(List<Sample> s) {
        List<Double> out = new ArrayList<>();
        s.forEach(x -> out.add(x.wallMicrosPerOp));
        return out;
    }

    private static double median(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        List<Double> out = new ArrayList<>();
        s.forEach(x -> out.add(f.applyAsDouble(x)));
        return median(out);
    }

    /** The median wall time per operation of {@code row}, in microseconds. */
    public static double medianMicros(Map<String, List<Sample>> samples, String row) {
        return median(wall(samples.get(row)));
    }

    /**
     * The ratio of the adapter row's median rate to the reference row's (1.0: as fast as the raw
     * client; the targets are 0.8 for {@code adapter-tx}/{@code raw-tx} and 0.9 for
     * {@code mdb}/{@code plain-consumer}).
     */
    public static double ratio(Map<String, List<Sample>> samples, String adapterRow, String referenceRow) {
        return medianMicros(samples, referenceRow) / medianMicros(samples, adapterRow);
    }

    /** The report: a markdown table of the rows, one of the pairs, and the split of the adapter's time. */
    public static String report(String server, Map<String, List<Sample>> samples, int n) {
        StringBuilder out = new StringBuilder();
        int rounds = samples.get("floor").size();
        out.append(String.format(
                Locale.ROOT, "ADAPTER-COST %s: %d counted rounds of %d operations per row%n", server, rounds, n));
        out.append("| row | µs per operation, median (lowest–highest) | operations/s (median) "
                + "| server CPU µs per operation (of it system) | thread switches per operation |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            List<Double> w = new ArrayList<>(wall(e.getValue()));
            Collections.sort(w);
            double med = median(w);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f (%.1f–%.1f) | %,.0f | %.0f (%.0f) | %.1f |%n",
                    e.getKey(),
                    med,
                    w.get(0),
                    w.get(w.size() - 1),
                    1e6 / med,
                    median(e.getValue(), x -> x.cpuMicrosPerOp),
                    median(e.getValue(), x -> x.systemMicrosPerOp),
                    median(e.getValue(), x -> x.switchesPerOp)));
        }
        double floor = medianMicros(samples, "floor");
        out.append("\n| pair | ratio of median rates | per-round ratios (lowest–highest) "
                + "| adapter µs = floor + round trip + rest |\n|---|---:|---:|---|\n");
        String[][] pairs = {
            {"adapter-tx", "raw-tx", "0.8"}, {"mdb", "plain-consumer", "0.9"}, {"adapter-confirm", "raw-confirm", "-"}
        };
        for (String[] p : pairs) {
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                perRound.add(samples.get(p[1]).get(i).wallMicrosPerOp
                        / samples.get(p[0]).get(i).wallMicrosPerOp);
            }
            Collections.sort(perRound);
            double adapter = medianMicros(samples, p[0]);
            double reference = medianMicros(samples, p[1]);
            // an MDB's delivery has no bean call of the application's: its floor is in the rest
            double floorShare = p[0].equals("mdb") ? 0 : floor;
            out.append(String.format(
                    Locale.ROOT,
                    "| %s / %s (target %s) | %.2f | %.2f–%.2f | %.1f = %.1f + %.1f + %.1f |%n",
                    p[0],
                    p[1],
                    p[2],
                    reference / adapter,
                    perRound.get(0),
                    perRound.get(perRound.size() - 1),
                    adapter,
                    floorShare,
                    reference,
                    adapter - floorShare - reference));
        }
        return out.toString();
    }
}
