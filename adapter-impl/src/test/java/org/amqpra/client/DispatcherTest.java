package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.ConnectionLostException;
import org.amqpra.ReplyInfo;
import org.junit.jupiter.api.Test;

/** The drainEvents queue as a state machine: deferred wake-ups, order, timeouts, close. */
class DispatcherTest {
    private final Dispatcher d = new Dispatcher(null);

    @Test
    void aParkedDrainerIsWokenWhenTheReaderIsDoneWithItsBatch() throws Exception {
        List<Integer> ran = new ArrayList<>();
        CountDownLatch parked = new CountDownLatch(1);
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            parked.countDown();
            d.drain(Duration.ofSeconds(10), () -> null);
        });
        assertTrue(parked.await(5, TimeUnit.SECONDS));
        waitUntilParked();
        for (int i = 0; i < 3; i++) {
            int n = i;
            d.dispatch(null, () -> ran.add(n)); // the reader's batch: queued, nobody woken yet
        }
        d.wakeDrainers(); // the reader is about to read again
        drained.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2), ran, "one wake-up runs the whole batch, in order");
    }

    @Test
    void eventsQueuedBeforeDrainRunAtOnceWithoutAWakeUp() {
        List<String> ran = new ArrayList<>();
        d.dispatch(null, () -> ran.add("a"));
        d.dispatch(null, () -> ran.add("b"));
        d.drain(Duration.ofMillis(1), () -> null);
        assertEquals(List.of("a", "b"), ran);
    }

    @Test
    void drainTimesOutWhenNothingArrives() {
        long t0 = System.nanoTime();
        assertThrows(AmqpTimeoutException.class, () -> d.drain(Duration.ofMillis(50), () -> null));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void aClosedConnectionWakesTheDrainerWithItsCause() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread drainer = new Thread(() -> {
            try {
                d.drain(null, () -> null); // no timeout: only the close can end it
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        drainer.start();
        waitUntilParked();
        ConnectionLostException cause = new ConnectionLostException(ReplyInfo.local(0, "gone"), null);
        d.wake(cause); // any thread, no wakeDrainers needed
        assertSame(cause, failure.get(5, TimeUnit.SECONDS));
    }

    @Test
    void drainOnAClosedConnectionWithNothingQueuedNeverBlocks() {
        ConnectionLostException cause = new ConnectionLostException(ReplyInfo.local(0, "gone"), null);
        assertSame(cause, assertThrows(ConnectionLostException.class, () -> d.drain(null, () -> cause)));
    }

    /** The drainer thread gets to its await; a few ms are plenty, the test holds either way. */
    private static void waitUntilParked() throws InterruptedException {
        Thread.sleep(50);
    }
}
