package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.ResourceErrorException;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Negotiated limits against the real broker: channel_max, the smallest frame_max, update-secret. */
@Tag("broker")
class NegotiationLimitsTest {

    @Test
    void channelMaxIsNegotiatedAndEnforcedLocally() {
        try (Connection c = Connection.open(Broker.params().channelMax(2).build())) {
            assertEquals(2, c.channelMax(), "min(ours 2, RabbitMQ's 2047)");
            c.channel();
            c.channel();
            assertThrows(ResourceErrorException.class, c::channel);
            assertTrue(c.isConnected());
        }
    }

    @Test
    void smallestFrameMaxSplitsAndReassemblesLargeBodiesIntact() {
        try (Connection c = Connection.open(Broker.params().frameMax(4096).build())) {
            assertEquals(4096, c.frameMax());
            Channel ch = c.channel();
            String q = ch.queueDeclare().queue();
            byte[] body = new byte[100_000]; // 25 body frames of at most 4088 bytes each way
            new Random(42).nextBytes(body);
            ch.basicPublish(Message.builder(body).build(), "", q);
            Message m = ChannelMethodsTest.getWithinOn(ch, q);
            assertArrayEquals(body, m.body());
        }
    }

    @Test
    void updateSecretIsAcceptedAndTheConnectionStaysOpen() {
        try (Connection c = Broker.connect()) {
            c.updateSecret("guest", "rotation test");
            assertTrue(c.isConnected());
            assertTrue(c.channel().queueDeclare().queue().startsWith("amq.gen-"));
        }
    }
}
