package org.amqpra.jca.outbound;

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
 * What the operations counters add to one transactional publish, alone: the publish counter and
 * the commit's count and timed histogram entry, as {@code ManagedChannel} and
 * {@code AmqpManagedConnection} drive them, by two threads on one factory's statistics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FactoryStatisticsBenchmark {
    private final FactoryStatistics stats = new FactoryStatistics();

    @Benchmark
    @Threads(2)
    public void onePublishAndCommit() {
        stats.publishes.increment();
        long began = System.nanoTime();
        stats.commitTime.recordNanos(System.nanoTime() - began);
        stats.committed.increment();
    }
}
