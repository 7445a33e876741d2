package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Consumer callbacks on an injected executor (the container's WorkManager, later). */
@Tag("broker")
class DispatchExecutorTest {

    @Test
    void deliveriesRunOnTheExecutorInOrderOnePerChannelAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Connection conn =
                Connection.open(Broker.params().dispatchExecutor(pool).build())) {
            Channel ch = conn.channel();
            String q = ch.queueDeclare().queue();
            int n = 2000;
            List<Integer> order = new CopyOnWriteArrayList<>();
            AtomicInteger concurrent = new AtomicInteger();
            AtomicInteger maxConcurrent = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(n);
            List<String> threads = new CopyOnWriteArrayList<>();
            ch.basicQos(0, 100, false);
            ch.basicConsume(q, m -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                threads.add(Thread.currentThread().getName());
                order.add(Integer.parseInt(m.bodyAsString()));
                // a blocking call from a callback must not deadlock the reader
                if (order.size() == 1) {
                    ch.queueDeclare();
                }
                m.ack();
                concurrent.decrementAndGet();
                done.countDown();
            });
            for (int i = 0; i < n; i++) {
                ch.basicPublish(Message.builder(Integer.toString(i)).build(), "", q);
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "all delivered");
            for (int i = 0; i < n; i++) {
                assertEquals(i, order.get(i));
            }
            assertEquals(1, maxConcurrent.get(), "one callback at a time per channel");
            assertFalse(threads.stream().anyMatch(t -> t.contains("reader")), "never on the reader thread");
            assertThrows(
                    AmqpTimeoutException.class,
                    () -> conn.drainEvents(Duration.ofMillis(100)),
                    "nothing is left for drainEvents when an executor dispatches");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void drainEventsOnAClosedConnectionNeverBlocks() {
        Connection conn = Broker.connect();
        conn.close();
        assertThrows(org.amqpra.ConnectionException.class, () -> conn.drainEvents(null));
    }
}
