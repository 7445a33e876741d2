package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.amqpra.ChannelMode;
import org.amqpra.Message;
import org.amqpra.MessageNackedException;
import org.amqpra.MessageReturnedException;
import org.amqpra.PreconditionFailedException;
import org.amqpra.testsupport.Names;
import org.junit.jupiter.api.Test;

/** Publisher confirms: blocking (amqpy) and pipelined, acks, nacks, returns. */
class PublisherConfirmsTest extends BrokerChannelTest {

    @Test
    void blockingPublishWaitsForTheAckAsAmqpyDoes() {
        String q = ch.queueDeclare().queue();
        ch.confirmSelect();
        assertEquals(ChannelMode.CONFIRM, ch.mode());
        for (int i = 0; i < 20; i++) {
            ch.basicPublish(Message.builder("m" + i).build(), "", q);
        }
        assertEquals(
                20,
                ch.queueDeclare(q, true, false, false, false, false, null).messageCount(),
                "every confirmed publish is already enqueued");
    }

    @Test
    void asynchronousConfirmsCompleteEveryFutureIncludingMultipleAcks() throws Exception {
        String q = ch.queueDeclare().queue();
        ch.confirmSelect();
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            fs.add(ch.basicPublishAsync(Message.builder("m" + i).build(), "", q, false));
        }
        CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        assertTrue(ch.waitForConfirms(Duration.ofSeconds(5)));
        assertEquals(5001, ((ChannelImpl) ch).confirms().nextPublishSeqNo());
        assertEquals(
                5000, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
    }

    @Test
    void aConfirmWindowBoundsThePublishesInFlightAndLosesNone() throws Exception {
        String q = ch.queueDeclare().queue();
        ch.confirmSelect();
        assertThrows(IllegalArgumentException.class, () -> ch.awaitConfirmWindow(0, Duration.ofSeconds(1)));
        ChannelImpl impl = (ChannelImpl) ch;
        int most = 0;
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ch.awaitConfirmWindow(8, Duration.ofSeconds(10));
            // only this thread publishes: the count can only have gone down since the wait returned
            most = Math.max(most, impl.confirms().unconfirmedCount() + 1);
            fs.add(ch.basicPublishAsync(Message.builder("m" + i).build(), "", q, false));
        }
        assertTrue(ch.waitForConfirms(Duration.ofSeconds(10)));
        assertEquals(0, impl.confirms().unconfirmedCount());
        assertTrue(most <= 8, "at most 8 in flight, saw " + most);
        assertTrue(most >= 2, "the window let publishes overlap, saw " + most);
        assertTrue(fs.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
        assertEquals(
                3000, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
    }

    @Test
    void theConfirmWindowNeedsConfirmModeAndReturnsWhenTheChannelCloses() throws Exception {
        assertThrows(IllegalStateException.class, () -> ch.awaitConfirmWindow(10, Duration.ofSeconds(1)));
        ch.confirmSelect();
        CompletableFuture<Void> f =
                ch.basicPublishAsync(Message.builder("x").build(), Names.unique("no-such-exchange"), "rk", false);
        // the broker closes the channel (404); the window wait must not hang on the lost publish
        ch.awaitConfirmWindow(1, Duration.ofSeconds(10));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(org.amqpra.NotFoundException.class, e.getCause());
        // the next publish reports why the channel closed
        assertThrows(
                org.amqpra.NotFoundException.class,
                () -> ch.basicPublishAsync(Message.builder("y").build(), "", "q", false));
    }

    @Test
    void fullQueueWithRejectPublishNacksTheOverflowingPublishes() throws Exception {
        String q = Names.unique("bounded");
        ch.queueDeclare(q, false, false, false, true, false, Map.of("x-max-length", 3, "x-overflow", "reject-publish"));
        ch.confirmSelect();
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(ch.basicPublishAsync(Message.builder("m" + i).build(), "", q, false));
        }
        int acked = 0;
        int nacked = 0;
        for (CompletableFuture<Void> f : fs) {
            try {
                f.get(10, TimeUnit.SECONDS);
                acked++;
            } catch (ExecutionException e) {
                assertInstanceOf(MessageNackedException.class, e.getCause());
                nacked++;
            }
        }
        assertEquals(3, acked);
        assertEquals(3, nacked);
        assertFalse(ch.waitForConfirms(Duration.ofSeconds(5)), "a nack since the last wait is reported");
        assertThrows(
                MessageNackedException.class,
                () -> ch.basicPublish(Message.builder("x").build(), "", q));
        ch.queueDelete(q);
    }

    @Test
    void mandatoryReturnFailsTheFutureAndTheMessageIsOffered() throws Exception {
        String q = ch.queueDeclare().queue();
        ch.confirmSelect();
        String nowhere = Names.unique("unrouted");
        CompletableFuture<Void> routed =
                ch.basicPublishAsync(Message.builder("ok").build(), "", q, true);
        CompletableFuture<Void> returned =
                ch.basicPublishAsync(Message.builder("back").build(), "amq.direct", nowhere, true);
        CompletableFuture<Void> notMandatory =
                ch.basicPublishAsync(Message.builder("dropped").build(), "amq.direct", nowhere, false);
        routed.get(5, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> returned.get(5, TimeUnit.SECONDS));
        MessageReturnedException r = assertInstanceOf(MessageReturnedException.class, e.getCause());
        assertEquals(312, r.replyCode());
        assertEquals("back", r.returned().message().bodyAsString());
        notMandatory.get(5, TimeUnit.SECONDS); // unroutable but not mandatory: the broker acks it
        assertEquals(
                "back",
                ch.returnedMessages().poll(1, TimeUnit.SECONDS).message().bodyAsString());
    }

    /**
     * Decided against amqpy (which returns normally and only queues the message in
     * returned_messages): a blocking confirmed publish that the broker returned as unroutable
     * throws, so no caller mistakes an undelivered message for a delivered one. It is offered to
     * returnedMessages() as well, and the channel goes on.
     */
    @Test
    void aBlockingMandatoryPublishOfAnUnroutableMessageThrowsAndIsAlsoOfferedAsReturned() throws Exception {
        ch.confirmSelect();
        String nowhere = Names.unique("unrouted");
        MessageReturnedException e = assertThrows(
                MessageReturnedException.class,
                () -> ch.basicPublish(Message.builder("back").build(), "amq.direct", nowhere, true, false));
        assertEquals(312, e.replyCode());
        assertEquals(
                "back",
                ch.returnedMessages().poll(1, TimeUnit.SECONDS).message().bodyAsString());
        String q = ch.queueDeclare().queue();
        ch.basicPublish(Message.builder("routed").build(), "", q, true, false); // confirmed, returns
        assertEquals(
                1, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
    }

    @Test
    void asyncPublishOutsideConfirmModeIsRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> ch.basicPublishAsync(Message.builder("x").build(), "", "q", false));
    }

    @Test
    void txSelectOnAConfirmChannelFailsAndTheChannelIsNotReopened() {
        ch.confirmSelect();
        assertThrows(PreconditionFailedException.class, ch::txSelect);
        assertThrows(org.amqpra.ChannelClosedException.class, ch::queueDeclare);
        assertTrue(conn.isConnected());
    }
}
