package org.amqpra.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The scenarios 1 to 6, each run against one client and measured in this JVM: wall time
 * with System.nanoTime, client CPU as process CPU time (the broker is another process).
 */
final class Scenarios {
    /** Message counts; {@link #smoke()} makes every scenario finish in well under a second. */
    record Sizes(
            int publish16,
            int publish1k,
            int publish64k,
            int confirmed,
            int consumed,
            int roundTrips,
            int txSingle,
            int txBatched,
            int loopback) {}

    static Sizes full() {
        return new Sizes(200_000, 100_000, 20_000, 100_000, 200_000, 50_000, 2_000, 50_000, 1_000_000);
    }

    static Sizes smoke() {
        return new Sizes(2_000, 1_000, 50, 1_000, 1_000, 100, 50, 500, 10_000);
    }

    private Scenarios() {}

    interface ClientFactory {
        BenchClient open(String host, int port) throws Exception;
    }

    /** 1. Publish without confirms: sent/s, enqueued/s, CPU s per million. */
    static Measurement publish(BenchClient c, int size, int count) throws Exception {
        String q = c.freshQueue("pub" + size);
        byte[] body = new byte[size];
        CpuClock.Sample cpu0 = CpuClock.Sample.now();
        long t0 = System.nanoTime();
        c.publish(q, body, count);
        long sent = System.nanoTime() - t0;
        CpuClock.Sample cpu1 = CpuClock.Sample.now();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (c.depth(q) < count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long enqueued = System.nanoTime() - t0;
        if (c.depth(q) < count) {
            throw new IllegalStateException("broker enqueued " + c.depth(q) + " of " + count);
        }
        c.deleteQueue(q);
        return cpu0.putUntil(
                cpu1,
                new Measurement().put("sent msg/s", count / secs(sent)).put("enqueued msg/s", count / secs(enqueued)),
                count);
    }

    /** 2. Publish with asynchronous confirms, window 1,000. */
    static Measurement confirmed(BenchClient c, int count) throws Exception {
        String q = c.freshQueue("confirm");
        byte[] body = new byte[16];
        CpuClock.Sample cpu0 = CpuClock.Sample.now();
        long t0 = System.nanoTime();
        c.publishConfirmed(q, body, count, 1000);
        long wall = System.nanoTime() - t0;
        CpuClock.Sample cpu1 = CpuClock.Sample.now();
        c.deleteQueue(q);
        return cpu0.putUntil(cpu1, new Measurement().put("confirmed msg/s", count / secs(wall)), count);
    }

    /** 3. Consume with manual acks, prefetch 1,000, acking each or every 250 with multiple. */
    static Measurement consume(BenchClient c, BenchClient filler, int count, int ackEvery) throws Exception {
        String q = c.freshQueue("consume");
        filler.publish(q, new byte[16], count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (c.depth(q) < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        CpuClock.Sample cpu0 = CpuClock.Sample.now();
        long t0 = System.nanoTime();
        c.consume(q, count, 1000, ackEvery);
        long wall = System.nanoTime() - t0;
        CpuClock.Sample cpu1 = CpuClock.Sample.now();
        c.deleteQueue(q);
        return cpu0.putUntil(cpu1, new Measurement().put("consumed msg/s", count / secs(wall)), count);
    }

    /** 4. Round-trip latency publish to consume on one connection. */
    static Measurement[] latency(BenchClient[] clients, int count) throws Exception {
        // Interleaved: the clients take turns round trip by round trip (who goes first
        // rotating), each on its own connection and queue, so a broker hiccup or a busy moment
        // of the machine falls on all alike instead of on whichever ran then.
        //
        // Each client's round trips run on a thread of its own, which does nothing else, as an
        // application's thread would. On one shared thread, the side whose callback runs on the
        // waiting thread (ours in drainEvents) paid for the others' work: the scheduler (EEVDF,
        // Linux 6.6+) lets a woken thread preempt at once only when it has not used more than
        // its share, and the shared thread had used the CPU of all three clients. Measured in one
        // JVM, 2 x 10,000 round trips each: drainEvents p50 1.04-1.09x on the shared thread,
        // 0.89-0.95x on its own, while the two sides that time the arrival on a lightly used
        // callback thread (theirs, ours with a dispatch thread) did not change.
        int n = clients.length;
        String[] queues = new String[n];
        BenchClient.RoundTripper[] trippers = new BenchClient.RoundTripper[n];
        ExecutorService[] threads = new ExecutorService[n];
        long[][] lat = new long[n][count];
        try {
            for (int c = 0; c < n; c++) {
                int side = c;
                threads[c] = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-round-trips-" + side));
                queues[c] = clients[c].freshQueue("latency");
                trippers[c] = onThread(threads[c], () -> clients[side].roundTripper(queues[side], new byte[16]));
            }
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < n; k++) {
                    int c = (i + k) % n;
                    BenchClient.RoundTripper t = trippers[c];
                    lat[c][i] = onThread(threads[c], t::once);
                }
            }
        } finally {
            for (int c = 0; c < n; c++) {
                BenchClient.RoundTripper t = trippers[c];
                if (t != null) {
                    onThread(threads[c], () -> {
                        t.close();
                        return null;
                    });
                }
                if (queues[c] != null) {
                    clients[c].deleteQueue(queues[c]);
                }
                if (threads[c] != null) {
                    threads[c].shutdown();
                }
            }
        }
        Measurement[] m = new Measurement[n];
        for (int c = 0; c < n; c++) {
            m[c] = percentiles(lat[c]);
        }
        return m;
    }

    private static <T> T onThread(ExecutorService thread, Callable<T> work) throws Exception {
        try {
            return thread.submit(work).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static Measurement percentiles(long[] lat) {
        Arrays.sort(lat);
        return new Measurement()
                .put("latency p50 us", lat[(int) (lat.length * 0.50)] / 1e3)
                .put("latency p99 us", lat[(int) Math.min(lat.length - 1, lat.length * 0.99)] / 1e3)
                .put("latency p99.9 us", lat[(int) Math.min(lat.length - 1, lat.length * 0.999)] / 1e3);
    }

    /** 5. Transactions: tx.commit per message, and per batch of 100. */
    static Measurement[] transactions(BenchClient[] clients, int single, int batched) throws Exception {
        // Interleaved like the round trips: each transaction is one round trip to the broker,
        // so the clients take turns transaction by transaction and each side's time is the
        // sum of its own transactions.
        int n = clients.length;
        String[] queues = new String[n];
        BenchClient.TxPublisher[] tx = new BenchClient.TxPublisher[n];
        long[] perMessage = new long[n];
        long[] perBatch = new long[n];
        try {
            for (int c = 0; c < n; c++) {
                queues[c] = clients[c].freshQueue("tx");
                tx[c] = clients[c].txPublisher(queues[c], new byte[16]);
            }
            for (int i = 0; i < single; i++) {
                for (int k = 0; k < n; k++) {
                    int c = (i + k) % n;
                    long t0 = System.nanoTime();
                    tx[c].commitBatch(1);
                    perMessage[c] += System.nanoTime() - t0;
                }
            }
            for (int i = 0; i < batched / 100; i++) {
                for (int k = 0; k < n; k++) {
                    int c = (i + k) % n;
                    long t0 = System.nanoTime();
                    tx[c].commitBatch(100);
                    perBatch[c] += System.nanoTime() - t0;
                }
            }
        } finally {
            for (int c = 0; c < n; c++) {
                if (tx[c] != null) {
                    tx[c].close();
                }
                if (queues[c] != null) {
                    clients[c].deleteQueue(queues[c]);
                }
            }
        }
        Measurement[] m = new Measurement[n];
        for (int c = 0; c < n; c++) {
            m[c] = new Measurement()
                    .put("tx per message msg/s", single / secs(perMessage[c]))
                    .put("tx per 100 msg/s", batched / 100 * 100 / secs(perBatch[c]));
        }
        return m;
    }

    /** 6a. The client alone: publish into a sink that discards frames unparsed. */
    static Measurement sink(ClientFactory f, int count) throws Exception {
        byte[] body = new byte[16];
        try (LoopbackBroker sink = new LoopbackBroker(0, body);
                BenchClient c = f.open("127.0.0.1", sink.port())) {
            long t0 = System.nanoTime();
            c.publish("bench", body, count);
            long wall = System.nanoTime() - t0;
            long bytes = sink.bytesIn();
            return new Measurement()
                    .put("publish msg/s", count / secs(wall))
                    .put("publish MB/s", bytes / 1e6 / secs(wall));
        }
    }

    /** 6b. The client alone: consume a replayed stream of deliveries. */
    static Measurement source(ClientFactory f, int count) throws Exception {
        byte[] body = new byte[16];
        int rounded = Math.max(1000, count / 1000 * 1000);
        try (LoopbackBroker source = new LoopbackBroker(rounded, body);
                BenchClient c = f.open("127.0.0.1", source.port())) {
            long t0 = System.nanoTime();
            c.consume("bench", rounded, 1000, 250);
            long wall = System.nanoTime() - t0;
            // a delivery of a 16-byte body is 3 frames: deliver method, header, body
            return new Measurement().put("consume msg/s", rounded / secs(wall));
        }
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
