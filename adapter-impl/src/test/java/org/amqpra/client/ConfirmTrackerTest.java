package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.amqpra.Message;
import org.amqpra.MessageNackedException;
import org.amqpra.MessageReturnedException;
import org.amqpra.ReturnedMessage;
import org.junit.jupiter.api.Test;

/** The confirm bookkeeping as a state machine: acks and nacks, single or multiple, in any order. */
class ConfirmTrackerTest {
    private final ConfirmTracker tracker = new ConfirmTracker(1);
    private final List<CompletableFuture<Void>> futures = new ArrayList<>();

    private void publish(int n, boolean mandatory) {
        for (int i = 0; i < n; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            futures.add(f);
            assertEquals(futures.size(), tracker.next(f, "ex", "rk", mandatory));
        }
    }

    private boolean done(int seq) {
        return futures.get(seq - 1).isDone();
    }

    @Test
    void singleAcksOutOfOrderThenMultipleAcrossTheHoles() {
        publish(10, false);
        tracker.ack(3, false);
        tracker.ack(7, false);
        assertTrue(done(3) && done(7));
        assertFalse(done(1) || done(2) || done(4) || done(8));
        tracker.ack(5, true); // settles 1, 2, 4, 5; 3 was already settled
        for (int s = 1; s <= 5; s++) {
            assertTrue(done(s), "seq " + s);
        }
        assertFalse(done(6) || done(8), "6 and 8 are still unconfirmed");
        tracker.ack(10, true);
        assertTrue(futures.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
        assertEquals(11, tracker.nextSequenceNumber());
    }

    @Test
    void unknownAndRepeatedTagsAreIgnored() {
        publish(3, false);
        tracker.ack(2, false);
        tracker.ack(2, false);
        tracker.ack(99, true); // never published: a broker bug, not ours to settle
        tracker.nack(0, false);
        assertTrue(done(2));
        assertFalse(done(1) || done(3));
    }

    @Test
    void nacksFailOnlyTheirOwnPublishes() throws Exception {
        publish(4, false);
        tracker.nack(2, true);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> futures.get(1).get());
        assertInstanceOf(MessageNackedException.class, e.getCause());
        assertTrue(futures.get(0).isCompletedExceptionally());
        tracker.ack(4, true);
        assertFalse(futures.get(2).isCompletedExceptionally() || futures.get(3).isCompletedExceptionally());
        assertFalse(tracker.waitForAll(Duration.ofSeconds(1)), "a nack since the last wait");
        assertTrue(tracker.waitForAll(Duration.ofSeconds(1)));
    }

    @Test
    void theRingGrowsPastItsInitialSizeWithPublishesOutstanding() {
        publish(5000, false);
        tracker.ack(4000, false);
        tracker.ack(2500, true);
        assertTrue(done(2500) && done(4000));
        assertFalse(done(2501) || done(3999) || done(4001));
        publish(3000, false); // wraps around and grows again
        tracker.ack(8000, true);
        assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void aReturnMarksTheOldestMatchingMandatoryPublishWhichFailsOnItsAck() throws Exception {
        publish(1, false);
        publish(2, true);
        tracker.returned(new ReturnedMessage(
                312, "NO_ROUTE", "ex", "rk", Message.builder("x").build()));
        tracker.ack(3, true);
        assertFalse(futures.get(0).isCompletedExceptionally());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> futures.get(1).get());
        assertInstanceOf(MessageReturnedException.class, e.getCause());
        assertFalse(futures.get(2).isCompletedExceptionally());
    }

    @Test
    void failAllFailsEverythingOutstandingAndNumbersGoOn() {
        publish(5, false);
        tracker.ack(2, false);
        tracker.failAll(new IllegalStateException("closed"));
        assertTrue(futures.get(0).isCompletedExceptionally());
        assertFalse(futures.get(1).isCompletedExceptionally());
        publish(1, false);
        tracker.ack(6, false);
        assertTrue(done(6) && !futures.get(5).isCompletedExceptionally());
    }

    @Test
    void theWindowWaitReturnsOnceAnAckBringsTheUnsettledCountBelowIt() throws Exception {
        publish(4, false);
        tracker.awaitBelow(5, Duration.ofMillis(1)); // 4 < 5: no wait
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            tracker.awaitBelow(3, Duration.ofSeconds(10));
            return System.nanoTime() - t0;
        });
        Thread.sleep(100);
        assertFalse(waited.isDone(), "4 unsettled, window 3: must wait");
        tracker.ack(1, false); // 3 unsettled: still not below 3
        Thread.sleep(100);
        assertFalse(waited.isDone(), "3 unsettled, window 3: must still wait");
        tracker.nack(2, false); // a nack settles too
        assertTrue(waited.get(5, java.util.concurrent.TimeUnit.SECONDS) >= 150_000_000L);
    }

    @Test
    void theWindowWaitTimesOutWithATypedErrorAndEndsWhenTheChannelFails() throws Exception {
        publish(2, false);
        long t0 = System.nanoTime();
        org.amqpra.AmqpTimeoutException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.amqpra.AmqpTimeoutException.class, () -> tracker.awaitBelow(1, Duration.ofMillis(200)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 190 && ms < 5000, "waited " + ms + " ms");
        assertTrue(e.getMessage().contains("2 publishes still unconfirmed"), e.getMessage());
        CompletableFuture<Void> waited =
                CompletableFuture.runAsync(() -> tracker.awaitBelow(1, Duration.ofSeconds(10)));
        Thread.sleep(100);
        assertFalse(waited.isDone());
        tracker.failAll(new IllegalStateException("closed"));
        waited.get(5, java.util.concurrent.TimeUnit.SECONDS); // the closed channel's next publish says why
    }

    @Test
    void aPublisherThatFoundTheWindowFullWaitsUntilItIsAQuarterEmpty() throws Exception {
        publish(8, false);
        CompletableFuture<Void> waited =
                CompletableFuture.runAsync(() -> tracker.awaitBelow(8, Duration.ofSeconds(10)));
        Thread.sleep(100); // 8 unsettled, window 8: waiting
        tracker.ack(1, false); // 7 unsettled: below the window, not yet below its resume mark of 6
        Thread.sleep(100);
        assertFalse(waited.isDone(), "7 unsettled of window 8: must wait on until fewer than 6");
        tracker.ack(2, false); // 6
        Thread.sleep(100);
        assertFalse(waited.isDone(), "6 unsettled of window 8: must still wait");
        tracker.ack(3, false); // 5
        waited.get(5, java.util.concurrent.TimeUnit.SECONDS);
        tracker.awaitBelow(8, Duration.ofMillis(1)); // 5 < 8 and no wait under way: returns at once
        assertEquals(6, ConfirmTracker.resumeMark(8));
        assertEquals(750, ConfirmTracker.resumeMark(1000));
        assertEquals(3, ConfirmTracker.resumeMark(3));
    }

    @Test
    void twoWaitersWithDifferentWindowsAreEachWokenAtTheirOwnMark() throws Exception {
        publish(12, false);
        CompletableFuture<Void> wide = CompletableFuture.runAsync(() -> tracker.awaitBelow(12, Duration.ofSeconds(10)));
        CompletableFuture<Void> narrow =
                CompletableFuture.runAsync(() -> tracker.awaitBelow(4, Duration.ofSeconds(10)));
        Thread.sleep(100);
        tracker.ack(4, true); // 8 unsettled: below 12's mark of 9, not below 4's mark of 3
        wide.get(5, java.util.concurrent.TimeUnit.SECONDS);
        Thread.sleep(100);
        assertFalse(narrow.isDone(), "8 unsettled, window 4: must wait on");
        tracker.ack(10, true); // 2 unsettled
        narrow.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
