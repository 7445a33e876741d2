package org.amqpra.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects every round and prints medians and the ratio ours/theirs as a Markdown table. */
final class Report {
    private final Map<String, Map<String, List<Double>>> byScenarioMetric = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Double>>> theirs = new LinkedHashMap<>();

    void add(String scenario, boolean ours, Measurement m) {
        Map<String, Map<String, List<Double>>> target = ours ? byScenarioMetric : theirs;
        for (Map.Entry<String, Double> e : m.metrics.entrySet()) {
            target.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Median of one metric for one side (for tests). */
    double median(String scenario, String metric, boolean ours) {
        return median((ours ? byScenarioMetric : theirs).get(scenario).get(metric));
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | metric | amqp-ra | rabbitmq-java | ratio ours/theirs | better |\n");
        sb.append("|---|---|---:|---:|---:|---|\n");
        Set<String> scenarios = new LinkedHashSet<>(byScenarioMetric.keySet());
        scenarios.addAll(theirs.keySet()); // one side only when run with --side
        for (String scenario : scenarios) {
            Map<String, List<Double>> ourMetrics = byScenarioMetric.getOrDefault(scenario, Map.of());
            Map<String, List<Double>> theirMetrics = theirs.getOrDefault(scenario, Map.of());
            Set<String> metrics = new LinkedHashSet<>(ourMetrics.keySet());
            metrics.addAll(theirMetrics.keySet());
            for (String metric : metrics) {
                double o = median(ourMetrics.getOrDefault(metric, List.of()));
                double r = median(theirMetrics.getOrDefault(metric, List.of()));
                double ratio = o / r;
                boolean better = Measurement.lowerIsBetter(metric) ? ratio <= 1.0 : ratio >= 1.0;
                sb.append(String.format("| %s | %s | %s | %s | %.2f | %s |%n", scenario, metric, fmt(o), fmt(r), ratio,
                        Measurement.lowerIsBetter(metric) ? (better ? "ours (lower)" : "theirs (lower)")
                                : (better ? "ours" : "theirs")));
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.3f", v);
    }
}
