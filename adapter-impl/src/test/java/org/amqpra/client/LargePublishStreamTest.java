package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Streams of large publishes write whole TCP segments and leave the rest pending for the next
 * publish; when none follows, the connection's writer thread must write the rest within
 * milliseconds, with nothing else happening on the connection (the heartbeat monitor, which
 * flushes once a second, is too slow to pass this test).
 */
@Tag("broker")
class LargePublishStreamTest {
    private static final int[] SIZES = {40_000, 65_536, 100_000, 70_001, 65_536, 33_000};
    private static final int BURSTS = 20;

    @Test
    void theLastMessageOfEveryStreamArrivesWithoutAnotherWrite() {
        try (Connection publisher = Broker.connect();
                Connection consumer = Broker.connect()) {
            Channel cc = consumer.channel();
            String q = cc.queueDeclare().queue();
            List<byte[]> received = new ArrayList<>();
            long[] lastArrival = {0};
            cc.basicConsume(
                    q,
                    "",
                    false,
                    true,
                    false,
                    false,
                    m -> {
                        received.add(m.body());
                        lastArrival[0] = System.nanoTime();
                    },
                    null,
                    null);
            Channel pc = publisher.channel();
            long worst = 0;
            for (int burst = 0; burst < BURSTS; burst++) {
                received.clear();
                List<byte[]> sent = new ArrayList<>();
                for (int i = 0; i < SIZES.length; i++) {
                    byte[] body = new byte[SIZES[i]];
                    Arrays.fill(body, (byte) (burst * 31 + i));
                    body[body.length - 1] = (byte) i; // the tail is what may be left pending
                    sent.add(body);
                    pc.basicPublish(Message.builder(body).build(), "", q);
                }
                long published = System.nanoTime();
                long deadline = published + TimeUnit.SECONDS.toNanos(5);
                while (received.size() < SIZES.length && System.nanoTime() < deadline) {
                    consumer.loop(Duration.ofMillis(20));
                }
                assertEquals(SIZES.length, received.size(), "burst " + burst + ": messages arrived");
                for (int i = 0; i < SIZES.length; i++) {
                    assertArrayEquals(sent.get(i), received.get(i), "burst " + burst + ", message " + i);
                }
                worst = Math.max(worst, lastArrival[0] - published);
                sleepPast(); // the next burst is a new stream
            }
            assertTrue(
                    worst < TimeUnit.MILLISECONDS.toNanos(250),
                    "the last message of a stream waited " + TimeUnit.NANOSECONDS.toMillis(worst) + " ms");
        }
    }

    /**
     * Large streams and small publishes from several threads share one connection: the writes of
     * whole segments let go of the buffer lock while they write, and bytes appended meanwhile
     * are written later in order. Every message must arrive intact and in order per thread.
     */
    @Test
    void largeStreamsAndSmallPublishesFromManyThreadsArriveIntactAndInOrder() throws Exception {
        int threads = 6;
        int perThread = 400;
        try (Connection publisher = Broker.connect();
                Connection consumer = Broker.connect()) {
            Channel cc = consumer.channel();
            String q = cc.queueDeclare().queue();
            int[] next = new int[threads];
            int[] bad = {0};
            int[] received = {0};
            cc.basicConsume(
                    q,
                    "",
                    false,
                    true,
                    false,
                    false,
                    m -> {
                        byte[] b = m.body();
                        int thread = b[0];
                        int seq = (b[1] & 0xFF) << 8 | (b[2] & 0xFF);
                        boolean intact = seq == next[thread] && b.length == size(thread, seq);
                        for (int i = 3; i < b.length && intact; i++) {
                            intact = b[i] == (byte) (thread + seq + i);
                        }
                        if (!intact) {
                            bad[0]++;
                        }
                        next[thread] = seq + 1;
                        received[0]++;
                    },
                    null,
                    null);
            Thread[] workers = new Thread[threads];
            Throwable[] failure = new Throwable[1];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers[t] = new Thread(() -> {
                    try {
                        Channel pc = publisher.channel();
                        for (int seq = 0; seq < perThread; seq++) {
                            byte[] body = new byte[size(thread, seq)];
                            body[0] = (byte) thread;
                            body[1] = (byte) (seq >> 8);
                            body[2] = (byte) seq;
                            for (int i = 3; i < body.length; i++) {
                                body[i] = (byte) (thread + seq + i);
                            }
                            pc.basicPublish(Message.builder(body).build(), "", q);
                        }
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join(60_000);
            }
            assertEquals(null, failure[0]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received[0] < threads * perThread && System.nanoTime() < deadline) {
                consumer.loop(Duration.ofMillis(50));
            }
            assertEquals(threads * perThread, received[0]);
            assertEquals(0, bad[0], "messages corrupted or out of order");
        }
    }

    /** Even threads stream large bodies (some over one frame), odd threads publish small ones. */
    private static int size(int thread, int seq) {
        return thread % 2 == 0 ? 40_000 + (seq * 7919 + thread) % 100_000 : 16 + (seq * 31) % 300;
    }

    private static void sleepPast() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
