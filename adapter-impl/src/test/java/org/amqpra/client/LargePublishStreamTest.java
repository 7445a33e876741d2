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
import org.junit.jupiter.api.Test;

/**
 * Streams of large publishes write whole TCP segments and leave the rest pending for the next
 * publish; when none follows, the connection's writer thread must write the rest within
 * milliseconds, with nothing else happening on the connection (the heartbeat monitor, which
 * flushes once a second, is too slow to pass this test).
 */
class LargePublishStreamTest {
    private static final int[] SIZES = {40_000, 65_536, 100_000, 70_001, 65_536, 33_000};
    private static final int BURSTS = 20;

    @Test
    void theLastMessageOfEveryStreamArrivesWithoutAnotherWrite() {
        try (Connection publisher = Broker.connect(); Connection consumer = Broker.connect()) {
            Channel cc = consumer.channel();
            String q = cc.queueDeclare().queue();
            List<byte[]> received = new ArrayList<>();
            long[] lastArrival = {0};
            cc.basicConsume(q, "", false, true, false, false, m -> {
                received.add(m.body());
                lastArrival[0] = System.nanoTime();
            }, null, null);
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
            assertTrue(worst < TimeUnit.MILLISECONDS.toNanos(250),
                    "the last message of a stream waited " + TimeUnit.NANOSECONDS.toMillis(worst) + " ms");
        }
    }

    private static void sleepPast() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
