package org.amqpra.jca.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void everyValueFallsInABucketWhoseUpperBoundIsAtMostAnEighthAbove() {
        long[] values = {0, 1, 7, 8, 9, 15, 16, 17, 100, 1_000, 1_234_567, 1L << 40, (1L << 47) - 1};
        for (long v : values) {
            int b = LatencyHistogram.bucketOf(v);
            long upper = LatencyHistogram.upperBoundMicros(b);
            assertTrue(upper >= v, v + " above its bucket's bound " + upper);
            assertTrue(upper <= v + v / 8 + 1, v + " in a bucket up to " + upper);
            if (b > 0) {
                assertTrue(LatencyHistogram.upperBoundMicros(b - 1) < v, v + " belongs in an earlier bucket");
            }
        }
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucketOf(Long.MAX_VALUE));
    }

    @Test
    void percentilesMeanAndMaxOfRecordedDurations() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentileMillis(0.5));
        for (int i = 1; i <= 100; i++) {
            h.recordNanos(i * 1_000_000L); // 1 ms .. 100 ms
        }
        assertEquals(100, h.count());
        assertEquals(50.5, h.meanMillis(), 1e-9);
        assertEquals(100, h.maxMillis(), 1e-9);
        assertEquals(50, h.percentileMillis(0.5), 50 / 8.0);
        assertTrue(h.percentileMillis(0.5) >= 50);
        assertEquals(99, h.percentileMillis(0.99), 99 / 8.0);
        assertEquals(100, h.percentileMillis(1.0), 1e-9, "never above the maximum");
    }
}
