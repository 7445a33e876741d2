package org.amqpra.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pooled figure beside the median: its definition per kind of metric, and the table column. */
class ReportTest {

    @Test
    void aRateIsPooledAsTotalCountOverTotalTime() {
        // two rounds of the same count at 100,000 and 50,000 msg/s: 3 time units for 2 rounds' worth
        assertEquals(200_000.0 / 3, Report.pooled("consumed msg/s", List.of(100_000.0, 50_000.0)), 1e-6);
    }

    @Test
    void cpuPerMessageIsPooledAsTheMean() {
        assertEquals(2.5, Report.pooled("client cpu s per 1M msgs", List.of(2.0, 3.0)), 1e-12);
    }

    @Test
    void percentilesDoNotPool() {
        assertTrue(Double.isNaN(Report.pooled("latency p99 us", List.of(1.0, 2.0))));
    }

    @Test
    void aBimodalMetricGetsAPooledRatioThatTheMedianMisses() {
        Report r = new Report();
        // ours: fast regime in 1 of 3 rounds; theirs: in 2 of 3. Medians compare slow with fast.
        for (double ours : new double[] {80_000, 80_000, 140_000}) {
            r.add("3. consume", true, new Measurement().put("consumed msg/s", ours));
        }
        for (double theirs : new double[] {70_000, 140_000, 140_000}) {
            r.add("3. consume", false, new Measurement().put("consumed msg/s", theirs));
        }
        String table = r.markdown();
        // median 80,000 / 140,000 = 0.57; pooled 3/(2/80k+1/140k) / 3/(1/70k+2/140k) = 93,333 / 105,000 = 0.89
        assertTrue(table.contains("| 3. consume | consumed msg/s | 80,000 | 140,000 | 0.57 | theirs | 0.89 |"), table);
    }

    @Test
    void theSpreadTableGivesEachClientsLowestAndHighestRoundWithoutTheCpuSplit() {
        Report r = new Report();
        r.add(
                "3. consume",
                true,
                new Measurement().put("consumed msg/s", 80_000).put("client cpu user s per 1M", 1));
        r.add(
                "3. consume",
                true,
                new Measurement().put("consumed msg/s", 140_000).put("client cpu user s per 1M", 2));
        r.add(
                "3. consume",
                false,
                new Measurement().put("consumed msg/s", 70_000).put("client cpu user s per 1M", 3));
        String table = r.spreadMarkdown();
        assertTrue(table.contains("| 3. consume | consumed msg/s | 80,000–140,000 | 70,000–70,000 |"), table);
        assertTrue(!table.contains("user"), table);
    }
}
