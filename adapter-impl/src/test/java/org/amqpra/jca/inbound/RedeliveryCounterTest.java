package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.amqpra.BasicProperties;
import org.amqpra.Envelope;
import org.amqpra.Message;
import org.junit.jupiter.api.Test;

/** The per-message failure counts behind the adapter's redelivery limit. */
class RedeliveryCounterTest {
    private static Message delivery(String body, boolean redelivered) {
        return Message.received(
                body.getBytes(StandardCharsets.UTF_8),
                BasicProperties.EMPTY,
                new Envelope(1, redelivered, "", "q", "ctag", -1),
                null);
    }

    @Test
    void aMessageThatFailsIsCountedOnEachRedeliveryAndForgottenWhenProcessed() {
        RedeliveryCounter c = new RedeliveryCounter();
        assertEquals(1, c.recordFailure(delivery("m", false)));
        assertEquals(1, c.failures(delivery("m", true)));
        assertEquals(2, c.recordFailure(delivery("m", true)));
        c.forget(delivery("m", true));
        assertEquals(0, c.failures(delivery("m", true)), "processed: its count is gone");
    }

    @Test
    void aFirstDeliveryThatSucceedsLeavesTheCountOfAnEqualMessageOnItsWayBack() {
        RedeliveryCounter c = new RedeliveryCounter();
        c.recordFailure(delivery("same body", false));
        c.recordFailure(delivery("same body", true)); // failed twice, requeued again
        c.forget(delivery("same body", false)); // another message with the same body, first delivery
        assertEquals(2, c.failures(delivery("same body", true)), "the failing message keeps its count");
    }
}
