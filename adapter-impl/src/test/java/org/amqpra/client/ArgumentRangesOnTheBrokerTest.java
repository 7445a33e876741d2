package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.amqpra.BasicProperties;
import org.amqpra.InvalidArgumentException;
import org.amqpra.Message;
import org.junit.jupiter.api.Test;

/**
 * Arguments that would wrap around on the wire are refused before they are sent, and the
 * connection and channel go on: before, {@code basicQos(0, 65536, false)} set an unlimited
 * prefetch and a negative prefetch size closed the connection with 540.
 */
class ArgumentRangesOnTheBrokerTest extends BrokerChannelTest {
    private void assertStillUsable() {
        assertTrue(conn.isConnected(), "the connection stays open");
        assertTrue(ch.isOpen(), "the channel stays open");
        String q = ch.queueDeclare().queue();
        ch.basicPublish(Message.builder("after").build(), "", q);
        assertEquals("after", ChannelMethodsTest.getWithinOn(ch, q).bodyAsString());
    }

    @Test
    void aPrefetchCountOverAShortIsRefusedNotWrappedToUnlimited() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ch.basicQos(0, 65_536, false));
        assertEquals("basic.qos", e.method());
        assertEquals("prefetch-count", e.argument());
        ch.basicQos(0, 65_535, false);
        assertStillUsable();
    }

    @Test
    void aNegativePrefetchSizeIsRefusedInsteadOfClosingTheConnection() {
        assertEquals(
                "prefetch-size",
                assertThrows(InvalidArgumentException.class, () -> ch.basicQos(-1, 10, false))
                        .argument());
        assertStillUsable();
    }

    @Test
    void propertiesThatDoNotFitTheirFieldsAreRefusedBeforeThePublish() {
        BasicProperties badMode =
                new BasicProperties(null, null, null, 3, null, null, null, null, null, null, null, null, null, null);
        String q = ch.queueDeclare().queue();
        // a builder refuses it at build(); a message made otherwise (here: as if received) is
        // refused by the content-header encoder, before anything is written
        assertThrows(
                InvalidArgumentException.class,
                () -> Message.builder(new byte[] {1}).properties(badMode).build());
        Message forwarded = Message.received(new byte[] {1}, badMode, null, null);
        InvalidArgumentException e =
                assertThrows(InvalidArgumentException.class, () -> ch.basicPublish(forwarded, "", q));
        assertEquals("delivery-mode", e.argument());
        assertEquals(
                0, ch.queueDeclare(q, true, false, false, false, false, null).messageCount(), "nothing sent");
        assertStillUsable();
    }

    @Test
    void shortStringsOver255OctetsAreRefusedNamingTheArgument() {
        String long256 = "k".repeat(256);
        InvalidArgumentException rk = assertThrows(
                InvalidArgumentException.class,
                () -> ch.basicPublish(Message.builder("x").build(), "", long256));
        assertEquals("basic.publish", rk.method());
        assertEquals("routing-key", rk.argument());
        InvalidArgumentException queue = assertThrows(InvalidArgumentException.class, () -> ch.queueDeclare(long256));
        assertEquals("queue.declare", queue.method());
        assertEquals("queue", queue.argument());
        assertStillUsable();
    }

    @Test
    void aNegativeDeliveryTagIsRefused() {
        assertEquals(
                "delivery-tag",
                assertThrows(InvalidArgumentException.class, () -> ch.basicAck(-1, false))
                        .argument());
        assertStillUsable();
    }
}
