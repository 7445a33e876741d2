package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acks a drainEvents batch leaves pending at its end (FrameOutput.deferWrites): held while
 * the reader is reading, sent when the reader next waits for the socket; sent at once when the
 * reader already waits. A recording transport stands in for the socket.
 */
class HeldAcksTest {
    /** Frame header 7, class and method ids 4, delivery tag 8, flags 1, frame end 1. */
    private static final int ACK_FRAME = 21;

    private final RecordingTransport transport = new RecordingTransport();
    private final FrameOutput out = new FrameOutput(transport, TimeUnit.SECONDS.toNanos(5), 0);

    HeldAcksTest() {
        // the writer thread's flush, run at once on the requesting thread
        out.setWriterThread(
                () -> {
                    try {
                        out.flushPending();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                null);
    }

    @Test
    void aBatchsAcksWaitForTheReadersNextWaitWhileItReads() throws IOException {
        batchOfAcks(3);
        assertEquals(0, transport.written(), "held while the reader reads on");
        transport.readWaits().waiting();
        assertEquals(3 * ACK_FRAME, transport.written(), "sent when the reader has to wait");
        transport.readWaits().resumed();
    }

    @Test
    void aBatchsAcksGoAtOnceWhenTheReaderAlreadyWaits() throws IOException {
        transport.readWaits().waiting();
        batchOfAcks(3);
        assertEquals(3 * ACK_FRAME, transport.written());
        transport.readWaits().resumed();
    }

    @Test
    void acksOlderThanTheDeferBoundAreNotHeld() throws Exception {
        for (int i = 1; i <= 3; i++) {
            out.deferWrites(true);
            out.sendAck(1, i, false, () -> {});
        }
        Thread.sleep(2); // the oldest is past 100 µs
        out.deferWrites(false);
        assertEquals(3 * ACK_FRAME, transport.written());
    }

    @Test
    void anyOtherWriteTakesHeldAcksAlongAndTheReadersWaitThenHasNothingToSend() throws IOException {
        batchOfAcks(2);
        assertEquals(0, transport.written());
        out.sendHeartbeat();
        assertEquals(2 * ACK_FRAME + 8, transport.written());
        transport.readWaits().waiting();
        assertEquals(2 * ACK_FRAME + 8, transport.written());
    }

    @Test
    void acksOutsideABatchAreNeverHeld() throws IOException {
        out.sendAck(1, 7, false, () -> {});
        assertEquals(ACK_FRAME, transport.written());
    }

    /** What drainEvents does around a batch of callbacks that each ack. */
    private void batchOfAcks(int n) throws IOException {
        for (int i = 1; i <= n; i++) {
            out.deferWrites(true);
            out.sendAck(1, i, false, () -> {});
        }
        out.deferWrites(false);
    }
}
