package org.amqpra.jca.management;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durations in a fixed set of buckets: no allocation per recorded value, safe for concurrent
 * recorders. Values are microseconds; below 8 µs each value has its own bucket, above that each
 * power of two is split in eight, so a percentile read from it is at most 12.5 % above the true
 * value (it reports the upper bound of the bucket holding it).
 */
public final class LatencyHistogram {
    private static final int SUB_BUCKETS = 8;
    /** Up to 2^47 µs (about four years): more than any delivery takes. */
    static final int BUCKETS = SUB_BUCKETS + 45 * SUB_BUCKETS;

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private final AtomicLong maxMicros = new AtomicLong();

    /** Records one duration given in nanoseconds (negative counts as 0). */
    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        buckets.incrementAndGet(bucketOf(micros));
        count.increment();
        sumMicros.add(micros);
        long max;
        while (micros > (max = maxMicros.get()) && !maxMicros.compareAndSet(max, micros)) {
            // another recorder raised it meanwhile: compare again
        }
    }

    static int bucketOf(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros); // 3 or more
        int sub = (int) (micros >>> (exponent - 3)) & (SUB_BUCKETS - 1);
        return Math.min(BUCKETS - 1, SUB_BUCKETS + (exponent - 3) * SUB_BUCKETS + sub);
    }

    /** The largest value bucket {@code index} holds, in microseconds. */
    static long upperBoundMicros(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + 3;
        int sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (exponent - 3)) - 1;
    }

    /** Durations recorded. */
    public long count() {
        return count.sum();
    }

    /** Their mean in milliseconds (0 when none). */
    public double meanMillis() {
        long n = count.sum();
        return n == 0 ? 0 : sumMicros.sum() / 1000.0 / n;
    }

    /** The longest in milliseconds (0 when none). */
    public double maxMillis() {
        return maxMicros.get() / 1000.0;
    }

    /**
     * The duration below which {@code fraction} (0 to 1) of the recorded ones fall, in
     * milliseconds: the upper bound of its bucket, never above the maximum (0 when none).
     */
    public double percentileMillis(double fraction) {
        long n = count.sum();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return Math.min(upperBoundMicros(i), maxMicros.get()) / 1000.0;
            }
        }
        return maxMillis(); // recorders raced past the count read above
    }
}
