package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.amqpra.Message;
import org.junit.jupiter.api.Test;

/**
 * In drainEvents, the acks of a batch of deliveries are written together when the batch's last
 * callback has run (FrameOutput.deferWrites). With a prefetch of 10 the broker sends nothing new
 * until it has acks, so if deferred acks were left behind, each batch would wait for the
 * heartbeat monitor's flush (up to a second) and 300 messages would take many seconds.
 */
class DrainBatchWritesTest extends BrokerChannelTest {
    private static final int COUNT = 300;

    @Test
    void acksOfEveryBatchReachTheBrokerAtOnce() {
        String q = filledQueueAtPrefetchTen();
        Set<Long> seen = new HashSet<>();
        ch.basicConsume(q, m -> {
            seen.add(m.deliveryTag());
            ch.basicAck(m.deliveryTag());
        });
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(20);
        while (seen.size() < COUNT && System.nanoTime() < deadline) {
            conn.loop(Duration.ofMillis(50));
        }
        long took = System.nanoTime() - t0;
        assertEquals(COUNT, seen.size());
        assertTrue(
                took < TimeUnit.SECONDS.toNanos(3),
                "300 messages at prefetch 10 took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    }

    @Test
    void aCallbackThatThrowsLeavesTheRestOfTheBatchQueuedAndItsAcksAreWritten() {
        String q = filledQueueAtPrefetchTen();
        Set<Long> seen = new HashSet<>();
        int[] thrown = {0};
        ch.basicConsume(q, m -> {
            seen.add(m.deliveryTag());
            ch.basicAck(m.deliveryTag());
            if (m.deliveryTag() % 7 == 0) {
                throw new IllegalStateException("callback failure " + m.deliveryTag());
            }
        });
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(20);
        while (seen.size() < COUNT && System.nanoTime() < deadline) {
            try {
                conn.drainEvents(Duration.ofMillis(50));
            } catch (IllegalStateException expected) {
                thrown[0]++;
            } catch (org.amqpra.AmqpTimeoutException idle) {
                // nothing within 50 ms: keep waiting until the deadline
            }
        }
        long took = System.nanoTime() - t0;
        assertEquals(COUNT, seen.size(), "no delivery lost behind a callback that threw");
        assertEquals(COUNT / 7, thrown[0]);
        assertTrue(took < TimeUnit.SECONDS.toNanos(3), "took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        assertEquals(
                0, ch.queueDeclare(q, true, false, false, false, false, null).messageCount(), "every message acked");
    }

    /**
     * Publishes are never held back: a callback that publishes with confirms and waits for the
     * confirm, while more deliveries wait behind it, would otherwise wait for the monitor's
     * flush (up to a second) every time.
     */
    @Test
    void aCallbackCanWaitForTheConfirmOfItsOwnPublish() {
        String q = ch.queueDeclare().queue();
        String replies = ch.queueDeclare().queue();
        Message m = Message.builder(new byte[16]).build();
        for (int i = 0; i < 40; i++) {
            ch.basicPublish(m, "", q);
        }
        ch.queueDeclare(q, true, false, false, false, false, null);
        org.amqpra.Channel confirmed = conn.channel();
        confirmed.confirmSelect();
        ch.basicQos(0, 10, false);
        int[] done = {0};
        long[] slowest = {0};
        ch.basicConsume(q, d -> {
            long t0 = System.nanoTime();
            confirmed.basicPublish(Message.builder(new byte[8]).build(), "", replies);
            assertTrue(confirmed.waitForConfirms(Duration.ofSeconds(5)));
            slowest[0] = Math.max(slowest[0], System.nanoTime() - t0);
            ch.basicAck(d.deliveryTag());
            done[0]++;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done[0] < 40 && System.nanoTime() < deadline) {
            conn.loop(Duration.ofMillis(50));
        }
        assertEquals(40, done[0]);
        assertTrue(
                slowest[0] < TimeUnit.MILLISECONDS.toNanos(250),
                "a confirm inside a callback took " + TimeUnit.NANOSECONDS.toMillis(slowest[0]) + " ms");
    }

    /** A queue holding COUNT messages, and a prefetch of 10 on the test channel. */
    private String filledQueueAtPrefetchTen() {
        String q = ch.queueDeclare().queue();
        fill(q);
        ch.basicQos(0, 10, false);
        return q;
    }

    private void fill(String q) {
        Message m = Message.builder(new byte[16]).build();
        for (int i = 0; i < COUNT; i++) {
            ch.basicPublish(m, "", q);
        }
        ch.queueDeclare(q, true, false, false, false, false, null); // a round trip: the publishes are on the broker
    }
}
