package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.amqpra.AccessRefusedException;
import org.amqpra.AuthenticationFailureException;
import org.amqpra.Channel;
import org.amqpra.ChannelClosedException;
import org.amqpra.ChannelMode;
import org.amqpra.IrrecoverableChannelException;
import org.amqpra.Message;
import org.amqpra.NotAllowedException;
import org.amqpra.NotFoundException;
import org.amqpra.PreconditionFailedException;
import org.amqpra.ResourceLockedException;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each reply-code exception produced for real, and what the channel does afterwards. */
@Tag("broker")
class ReplyCodeExceptionsTest extends BrokerChannelTest {

    private void assertChannelUsable() {
        assertTrue(ch.queueDeclare().queue().startsWith("amq.gen-"));
        assertTrue(conn.isConnected());
    }

    @Test
    void passiveDeclareOfMissingQueueRaisesNotFoundAndChannelSurvives() {
        NotFoundException e = assertThrows(
                NotFoundException.class,
                () -> ch.queueDeclare(Names.unique("missing"), true, false, false, false, false, null));
        assertEquals(404, e.replyCode());
        assertEquals(50, e.classId());
        assertEquals(10, e.methodId());
        assertEquals(ch.channelId(), e.channelId());
        assertTrue(e.getMessage().contains("queue.declare"), e.getMessage());
        assertTrue(e instanceof IrrecoverableChannelException);
        assertChannelUsable();
    }

    @Test
    void reservedAmqNameRaisesAccessRefusedAndChannelSurvives() {
        AccessRefusedException e = assertThrows(AccessRefusedException.class, () -> ch.queueDeclare("amq.mine"));
        assertEquals(403, e.replyCode());
        assertChannelUsable();
    }

    @Test
    void exclusiveQueueFromSecondConnectionRaisesResourceLocked() {
        String q = Names.unique("exclusive");
        ch.queueDeclare(q, false, false, true, true, false, null);
        try (Connection other = Broker.connect()) {
            Channel o = other.channel();
            ResourceLockedException e = assertThrows(
                    ResourceLockedException.class, () -> o.queueDeclare(q, false, false, true, true, false, null));
            assertEquals(405, e.replyCode());
            assertNotNull(o.queueDeclare()); // re-opened
        }
        assertChannelUsable();
    }

    @Test
    void redeclareWithOtherArgumentsRaisesPreconditionFailed() {
        String q = Names.unique("redeclare");
        ch.queueDeclare(q, false, false, false, true, false, Map.of("x-max-length", 10));
        PreconditionFailedException e = assertThrows(
                PreconditionFailedException.class,
                () -> ch.queueDeclare(q, false, false, false, true, false, Map.of("x-max-length", 20)));
        assertEquals(406, e.replyCode());
        assertChannelUsable();
        ch.queueDelete(q);
    }

    @Test
    void reusedConsumerTagIsA530ConnectionError() {
        String q = ch.queueDeclare().queue();
        ch.basicConsume(q, "dup", false, false, false, false, m -> {}, null, null);
        NotAllowedException e = assertThrows(
                NotAllowedException.class,
                () -> ch.basicConsume(q, "dup", false, false, false, false, m -> {}, null, null));
        assertEquals(530, e.replyCode());
        assertFalse(conn.isConnected());
        assertThrows(NotAllowedException.class, () -> ch.queueDeclare(), "later calls report the broker's reason");
    }

    @Test
    void unknownVirtualHostIsRefusedWithTheBrokersCode() {
        NotAllowedException e = assertThrows(
                NotAllowedException.class,
                () -> Connection.open(
                        Broker.params().virtualHost(Names.unique("nohost")).build()));
        assertEquals(530, e.replyCode());
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        AuthenticationFailureException e = assertThrows(
                AuthenticationFailureException.class,
                () -> Connection.open(
                        Broker.params().password("not-the-secret-xyz").build()));
        assertEquals(403, e.replyCode());
        assertFalse(e.getMessage().contains("not-the-secret-xyz"));
        AuthenticationFailureException plain = assertThrows(
                AuthenticationFailureException.class,
                () -> Connection.open(
                        Broker.params().loginMethod("PLAIN").password("nope").build()));
        assertEquals(403, plain.replyCode());
    }

    @Test
    void asynchronousChannelErrorSurfacesOnTheNextCallThenTheChannelReopens() {
        ch.basicPublish(Message.builder("x").build(), Names.unique("no-such-exchange"), "k");
        NotFoundException e = null;
        for (int i = 0; i < 50 && e == null; i++) {
            try {
                ch.queueDeclare();
            } catch (NotFoundException nf) {
                e = nf;
            }
        }
        assertNotNull(e, "the 404 for the publish must reach the application");
        assertEquals("basic.publish", e.info().methodName());
        assertChannelUsable();
    }

    @Test
    void anAsynchronousErrorIsReportedExactlyOnceEvenWhenTheNextCallRacesTheClose() {
        // The caller's next call can see the closed channel while the reader is still handling
        // the close; re-opening then must not be failed by that same close.
        String missing = Names.unique("no-such-exchange");
        for (int round = 0; round < 500; round++) {
            ch.basicPublish(Message.builder("x").build(), missing, "k");
            int reported = 0;
            for (int i = 0; i < 50 && reported == 0; i++) {
                try {
                    ch.queueDeclare();
                } catch (NotFoundException nf) {
                    reported++;
                }
            }
            assertEquals(1, reported, "round " + round);
            assertChannelUsable();
        }
    }

    @Test
    void channelInTxModeIsNotSilentlyReopened() {
        ch.txSelect();
        ch.basicPublish(Message.builder("x").build(), Names.unique("no-such-exchange"), "k");
        NotFoundException e = assertThrows(NotFoundException.class, () -> ch.txCommit());
        assertEquals(404, e.replyCode());
        ChannelClosedException closed = assertThrows(ChannelClosedException.class, () -> ch.txCommit());
        assertTrue(closed.getMessage().contains("transaction is lost"), closed.getMessage());
        assertEquals(ChannelMode.TX, ch.mode());
        assertFalse(ch.isOpen());
        assertTrue(conn.isConnected(), () -> String.valueOf(conn.closeCause()));
    }

    @Test
    void staleDeliveryTagFromBeforeReopenIsRefusedLocally() {
        String q = Names.unique("stale");
        ch.queueDeclare(q, false, false, false, true, false, null);
        ch.basicPublish(Message.builder("one").build(), "", q);
        ch.basicPublish(Message.builder("two").build(), "", q);
        Message first = ChannelMethodsTest.getWithinOn(ch, q);
        assertThrows(
                NotFoundException.class,
                () -> ch.queueDeclare(
                        Names.unique("x"),
                        true,
                        false,
                        false,
                        false,
                        false,
                        null)); // channel error: the broker requeues "one"
        Message again = ChannelMethodsTest.getWithinOn(ch, q); // re-opened channel, tags restart at 1
        assertThrows(ChannelClosedException.class, first::ack);
        again.ack(); // the new channel was not harmed by the refused stale ack
        assertNotNull(ChannelMethodsTest.getWithinOn(ch, q));
        ch.queueDelete(q);
    }
}
