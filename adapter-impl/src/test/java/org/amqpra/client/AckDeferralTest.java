package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The deferral decisions on their own; {@link HeldAcksTest} checks them through the frame output. */
class AckDeferralTest {
    private final AtomicInteger flushRequests = new AtomicInteger();
    private final RecordingTransport transport = new RecordingTransport();
    private final AckDeferral acks = new AckDeferral(transport, flushRequests::incrementAndGet);

    @Test
    void onlyTheDeferringThreadsAcksStayPending() throws Exception {
        assertFalse(acks.keepPending(), "no batch running");
        assertFalse(acks.atBoundary(true, () -> false));
        assertTrue(acks.keepPending());
        AtomicReference<Boolean> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(acks.keepPending()));
        t.start();
        t.join(5000);
        assertEquals(Boolean.FALSE, other.get());
    }

    @Test
    void theBatchsEndFlushesWhenTheAcksCannotBeHeld() {
        acks.atBoundary(true, () -> false);
        acks.keepPending();
        assertTrue(acks.atBoundary(false, () -> false));
        assertEquals(0, flushRequests.get());
    }

    @Test
    void aHeldBatchIsSentByTheReadersNextWait() {
        acks.atBoundary(true, () -> false);
        acks.keepPending();
        assertFalse(acks.atBoundary(false, () -> true), "held while the reader reads");
        transport.readWaits().waiting();
        assertEquals(1, flushRequests.get());
        transport.readWaits().resumed();
    }

    @Test
    void nothingIsHeldWhileTheReaderWaits() {
        transport.readWaits().waiting();
        acks.atBoundary(true, () -> false);
        acks.keepPending();
        assertTrue(acks.atBoundary(false, () -> true));
    }

    @Test
    void writingThePendingBytesEndsTheHold() {
        acks.atBoundary(true, () -> false);
        acks.keepPending();
        acks.atBoundary(false, () -> true);
        acks.pendingTaken();
        transport.readWaits().waiting();
        assertEquals(0, flushRequests.get(), "nothing left to ask for");
        assertFalse(acks.atBoundary(false, () -> true), "no batch, nothing deferred");
    }

    @Test
    void onlySmallYoungBatchesAreHoldable() throws Exception {
        assertFalse(acks.holdable(false, 21), "nothing deferred");
        acks.atBoundary(true, () -> false);
        acks.keepPending();
        assertTrue(acks.holdable(false, 21));
        assertFalse(acks.holdable(true, 21), "a flush under way");
        assertFalse(acks.holdable(false, AckDeferral.HOLD_BYTES));
        long deadline = System.nanoTime() + 10 * AckDeferral.MAX_DEFER_NANOS;
        while (acks.holdable(false, 21)) {
            assertTrue(System.nanoTime() < deadline, "still holdable long past the bound");
            Thread.onSpinWait();
        }
        assertTrue(acks.atBoundary(true, () -> false), "an old deferral is written at the next boundary");
    }
}
