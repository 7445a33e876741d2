package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.amqpra.AbstractConsumer;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.testsupport.Await;
import org.junit.jupiter.api.Test;

/** What a porter from amqpy reaches for: no-argument overloads, consume counts, reconnect, navigation. */
class AmqpyConveniencesTest extends BrokerChannelTest {
    @Test
    void noArgumentGetPurgeAndDeleteUseTheQueueLastDeclaredOnTheChannel() {
        String q = ch.queueDeclare().queue();
        ch.basicPublish(Message.builder("one").build(), "", q);
        ch.basicPublish(Message.builder("two").build(), "", q);
        ch.basicPublish(Message.builder("three").build(), "", q);
        Message first = ChannelMethodsTest.getWithinOn(ch, q); // waits until they are on the queue
        first.ack();
        Message second = ch.basicGet();
        assertEquals("two", second.bodyAsString(), "basicGet() reads the last declared queue");
        second.ack();
        assertEquals(1, ch.queuePurge(), "queuePurge() purges it");
        assertEquals(0, ch.queueDelete(), "queueDelete() deletes it");
        assertThrows(
                org.amqpra.NotFoundException.class, () -> ch.queueDeclare(q, true, false, false, false, false, null));
    }

    @Test
    void anAbstractConsumerCountsWhatItConsumed() {
        String q = ch.queueDeclare().queue();
        AbstractConsumer consumer = new AbstractConsumer(ch, q) {
            @Override
            public void run(Message message) {
                message.ack();
            }
        };
        consumer.declare();
        for (int i = 0; i < 5; i++) {
            ch.basicPublish(Message.builder("m" + i).build(), "", q);
        }
        Await.until(Duration.ofSeconds(5), "five messages consumed", () -> {
            conn.loop(Duration.ofMillis(50));
            return consumer.consumeCount() == 5;
        });
        assertEquals(5, consumer.consumeCount());
    }

    @Test
    void aChannelKnowsItsConnectionAndTheConnectionItsOpenChannels() {
        assertSame(conn, ch.connection());
        Channel second = conn.channel();
        List<Channel> open = conn.channels();
        assertTrue(open.contains(ch) && open.contains(second), open.toString());
        second.close();
        assertFalse(conn.channels().contains(second), "a closed channel is not listed");
    }

    @Test
    void reconnectOpensANewConnectionWithTheSameParameters() {
        assertThrows(IllegalStateException.class, conn::reconnect, "an open connection is not replaced");
        conn.close();
        Connection again = conn.reconnect();
        try {
            assertNotSame(conn, again);
            assertTrue(again.isConnected());
            assertFalse(conn.isConnected(), "the old one stays closed");
            assertEquals(conn.parameters(), again.parameters());
            String q = again.channel().queueDeclare().queue();
            assertEquals(
                    q,
                    again.channel()
                            .queueDeclare(q, true, false, false, false, false, null)
                            .queue());
        } finally {
            again.close();
        }
    }
}
