package org.amqpra.jca.inbound;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the operations counters add to one delivery, alone: {@code DeliveryStatistics} as a
 * delivery slot drives it (counted, timed with two clock reads, succeeded), by two threads at
 * once (two slots) on one activation's statistics. In this package to reach the package-private
 * class (bench/README.md, "Operations counters").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeliveryStatisticsBenchmark {
    private final DeliveryStatistics stats = new DeliveryStatistics();

    @Benchmark
    @Threads(2)
    public void oneSuccessfulDelivery() {
        stats.delivering(false);
        long began = System.nanoTime();
        stats.succeeded(System.nanoTime() - began);
    }

    @Benchmark
    @Threads(2)
    public long twoClockReadsOnly() {
        long began = System.nanoTime();
        return System.nanoTime() - began;
    }
}
