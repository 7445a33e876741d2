package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 32 threads publish 100,000 messages on one connection (half of them sharing one channel, with
 * some bodies larger than frame_max so body frames are split while other threads write); every
 * message must arrive intact, and each thread's messages on the shared channel in order.
 */
@Tag("broker")
class ConcurrentPublishTest {
    private static final int THREADS = 32;
    private static final int TOTAL = 100_000;
    private static final int PER_THREAD = TOTAL / THREADS;

    private static byte[] body(int thread, int seq) {
        int size = seq % 997 == 0 ? 300_000 : 16 + (seq * 31 + thread) % 200;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(thread).putInt(seq);
        for (int i = 8; i < size - 8; i++) {
            b.put((byte) (i * 7 + seq + thread));
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, size - 8);
        b.position(size - 8);
        b.putLong(crc.getValue());
        return b.array();
    }

    private static boolean intact(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length - 8);
        return ByteBuffer.wrap(body, body.length - 8, 8).getLong() == crc.getValue();
    }

    @Test
    void thirtyTwoThreadsPublishOneHundredThousandMessagesAllArriveIntact() throws Exception {
        try (Connection publisher = Broker.connect();
                Connection consumer = Broker.connect()) {
            Channel cc = consumer.channel();
            String q = cc.queueDeclare().queue();
            AtomicInteger received = new AtomicInteger();
            AtomicInteger corrupt = new AtomicInteger();
            ConcurrentHashMap<Integer, Integer> lastSeqOnShared = new ConcurrentHashMap<>();
            AtomicInteger outOfOrder = new AtomicInteger();
            boolean[] seen = new boolean[THREADS * PER_THREAD];
            AtomicInteger duplicates = new AtomicInteger();
            cc.basicConsume(
                    q,
                    "",
                    false,
                    true,
                    false,
                    false,
                    m -> {
                        byte[] b = m.body();
                        if (!intact(b)) {
                            corrupt.incrementAndGet();
                            return;
                        }
                        ByteBuffer bb = ByteBuffer.wrap(b);
                        int thread = bb.getInt();
                        int seq = bb.getInt();
                        int idx = thread * PER_THREAD + seq;
                        if (seen[idx]) {
                            duplicates.incrementAndGet();
                        }
                        seen[idx] = true;
                        if (thread < THREADS / 2) {
                            Integer prev = lastSeqOnShared.put(thread, seq);
                            if (prev != null && prev >= seq) {
                                outOfOrder.incrementAndGet();
                            }
                        }
                        received.incrementAndGet();
                    },
                    null,
                    null);

            Channel shared = publisher.channel();
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread th = new Thread(() -> {
                    try {
                        Channel ch = thread < THREADS / 2 ? shared : publisher.channel();
                        start.await();
                        for (int s = 0; s < PER_THREAD; s++) {
                            ch.basicPublish(Message.builder(body(thread, s)).build(), "", q);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                threads.add(th);
                th.start();
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (received.get() + corrupt.get() < THREADS * PER_THREAD
                    && System.nanoTime() < deadline
                    && failure.get() == null) {
                consumer.loop(Duration.ofMillis(200));
            }
            for (Thread th : threads) {
                th.join(10_000);
            }
            assertEquals(null, failure.get());
            assertEquals(0, corrupt.get(), "corrupted bodies");
            assertEquals(0, duplicates.get(), "duplicates");
            assertEquals(THREADS * PER_THREAD, received.get(), "received");
            assertEquals(0, outOfOrder.get(), "per-thread order on the shared channel");
            assertTrue(publisher.isConnected());
        }
    }
}
