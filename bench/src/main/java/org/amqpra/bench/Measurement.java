package org.amqpra.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metrics of one run of one scenario with one client; higher is better unless the name says "cpu" or "latency". */
final class Measurement {
    final Map<String, Double> metrics = new LinkedHashMap<>();

    Measurement put(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    static boolean lowerIsBetter(String metric) {
        return metric.contains("cpu") || metric.contains("latency");
    }
}
