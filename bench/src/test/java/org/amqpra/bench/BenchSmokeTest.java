package org.amqpra.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Not a benchmark: one short run of every scenario with both clients, proving that each still
 * works (the numbers of so short a run mean nothing and are not checked).
 */
class BenchSmokeTest {

    @Test
    void everyScenarioRunsWithBothClients() throws Exception {
        String uri = System.getenv().getOrDefault("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/%2F");
        URI u = URI.create(uri.replace("amqp://", "http://"));
        Report r = Harness.run(u.getHost(), u.getPort() < 0 ? 5672 : u.getPort(), Scenarios.smoke(), 1, false, "", "");
        String table = r.markdown();
        for (String scenario : new String[] {
            "1. publish 16 B",
            "1. publish 1 KiB",
            "1. publish 64 KiB",
            "2. confirms, window 1000",
            "3. consume, ack each",
            "3. consume, ack 250 multiple",
            "4. round trip",
            "4. round trip, ours in drainEvents",
            "5. transactions",
            "6. no broker: sink",
            "6. no broker: source"
        }) {
            assertTrue(table.contains(scenario), scenario + " missing:\n" + table);
        }
        for (boolean ours : new boolean[] {true, false}) {
            assertTrue(r.median("1. publish 16 B", "enqueued msg/s", ours) > 0);
            assertTrue(r.median("3. consume, ack each", "consumed msg/s", ours) > 0);
            assertTrue(r.median("4. round trip", "latency p50 us", ours) > 0);
            assertTrue(r.median("6. no broker: source", "consume msg/s", ours) > 0);
        }
    }

    @Test
    void theAdapterPublishRatesRunEveryRow() throws Exception {
        String uri = System.getenv().getOrDefault("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/%2F");
        URI u = URI.create(uri.replace("amqp://", "http://"));
        String table = AdapterPublishRates.run(u.getHost(), u.getPort() < 0 ? 5672 : u.getPort(), 2, 50, 1);
        for (String row : new String[] {"confirmed publish, one per call", "pipelined", "PublisherConfirms=false"}) {
            assertTrue(table.contains(row), row + " missing:\n" + table);
        }
    }
}
