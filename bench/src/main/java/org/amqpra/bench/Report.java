package org.amqpra.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every round and prints medians and the ratio ours/theirs as a Markdown table, with
 * a second ratio pooled over all rounds ({@link #pooled}).
 */
final class Report {
    private final Map<String, Map<String, List<Double>>> byScenarioMetric = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Double>>> theirs = new LinkedHashMap<>();

    void add(String scenario, boolean ours, Measurement m) {
        Map<String, Map<String, List<Double>>> target = ours ? byScenarioMetric : theirs;
        for (Map.Entry<String, Double> e : m.metrics.entrySet()) {
            target.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .add(e.getValue());
        }
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length == 0
                ? Double.NaN
                : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /**
     * One client's figure over all its rounds taken together, where that is defined: a rate
     * (a metric per second) is the total count over the total time, the harmonic mean of the
     * rounds' rates (every round handles the same count); CPU per message is the total CPU over
     * the total count, the plain mean. Percentiles of separate rounds do not pool: NaN.
     *
     * <p>Why a second figure: some broker scenarios run in one of two regimes chosen by the
     * broker per run (consume at about 80,000 or about 140,000 msg/s for either client), so the
     * median of nine rounds lands in one regime or the other at random when each comes up about
     * half the time. The pooled figure moves with the share of rounds in each regime.
     */
    static double pooled(String metric, List<Double> xs) {
        if (xs.isEmpty() || metric.contains("latency")) {
            return Double.NaN;
        }
        if (metric.endsWith("/s")) {
            double secondsPerUnit = 0;
            for (double x : xs) {
                secondsPerUnit += 1 / x;
            }
            return xs.size() / secondsPerUnit;
        }
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Median of one metric for one side (for tests). */
    double median(String scenario, String metric, boolean ours) {
        return median((ours ? byScenarioMetric : theirs).get(scenario).get(metric));
    }

    /** One row of a table: a scenario's metric with both clients' rounds (empty for a side not run). */
    private interface Row {
        String format(String scenario, String metric, List<Double> ours, List<Double> theirs);
    }

    /** A table with one {@code row} per scenario and metric, in the order they were recorded. */
    private String table(String header, Row row) {
        StringBuilder sb = new StringBuilder(header);
        Set<String> scenarios = new LinkedHashSet<>(byScenarioMetric.keySet());
        scenarios.addAll(theirs.keySet()); // one side only when run with --side
        for (String scenario : scenarios) {
            Map<String, List<Double>> ourMetrics = byScenarioMetric.getOrDefault(scenario, Map.of());
            Map<String, List<Double>> theirMetrics = theirs.getOrDefault(scenario, Map.of());
            Set<String> metrics = new LinkedHashSet<>(ourMetrics.keySet());
            metrics.addAll(theirMetrics.keySet());
            for (String metric : metrics) {
                String line = row.format(
                        scenario,
                        metric,
                        ourMetrics.getOrDefault(metric, List.of()),
                        theirMetrics.getOrDefault(metric, List.of()));
                if (line != null) {
                    sb.append(line);
                }
            }
        }
        return sb.toString();
    }

    String markdown() {
        return table(
                "| scenario | metric | amqp-ra | rabbitmq-java | ratio ours/theirs | better | pooled ratio |\n"
                        + "|---|---|---:|---:|---:|---|---:|\n",
                (scenario, metric, ours, theirs) -> {
                    double o = median(ours);
                    double r = median(theirs);
                    double ratio = o / r;
                    boolean better = Measurement.lowerIsBetter(metric) ? ratio <= 1.0 : ratio >= 1.0;
                    double pooledRatio = pooled(metric, ours) / pooled(metric, theirs);
                    return String.format(
                            "| %s | %s | %s | %s | %.2f | %s | %s |%n",
                            scenario,
                            metric,
                            fmt(o),
                            fmt(r),
                            ratio,
                            Measurement.lowerIsBetter(metric)
                                    ? (better ? "ours (lower)" : "theirs (lower)")
                                    : (better ? "ours" : "theirs"),
                            Double.isNaN(pooledRatio) ? "-" : String.format("%.2f", pooledRatio));
                });
    }

    /**
     * Each client's lowest and highest round per metric (the CPU split into user and kernel
     * time left out), so that a spread wider than the difference between the clients, or two
     * clusters of rounds (the broker's regimes), show without {@code -Dbench.verbose}.
     */
    String spreadMarkdown() {
        return table(
                "| scenario | metric | amqp-ra rounds | rabbitmq-java rounds |\n|---|---|---:|---:|\n",
                (scenario, metric, ours, theirs) -> metric.contains(" user ") || metric.contains(" kernel ")
                        ? null
                        : String.format("| %s | %s | %s | %s |%n", scenario, metric, range(ours), range(theirs)));
    }

    private static String range(List<Double> xs) {
        if (xs.isEmpty()) {
            return "-";
        }
        double lo = xs.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
        double hi = xs.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
        return fmt(lo) + "–" + fmt(hi);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.3f", v);
    }
}
