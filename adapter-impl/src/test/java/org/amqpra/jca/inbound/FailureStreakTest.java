package org.amqpra.jca.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The state machine that tells a failing endpoint from a failing message, and the pauses. */
class FailureStreakTest {
    @Test
    void oneMessageFailingAgainAndAgainIsTheMessagesFault() {
        FailureStreak s = new FailureStreak();
        for (int i = 0; i < 10; i++) {
            assertEquals(0, s.failed("poison"));
        }
        assertEquals(0, s.failed("other"), "two different messages are not yet a streak");
        assertFalse(s.succeeded());
    }

    @Test
    void threeDifferentMessagesFailingInARowShowTheEndpointFailingUntilASuccess() {
        FailureStreak s = new FailureStreak();
        assertEquals(0, s.failed("a"));
        assertEquals(0, s.failed("b"));
        assertEquals(0, s.failed("a"));
        assertEquals(1, s.failed("c"));
        assertEquals(2, s.failed("a"));
        assertEquals(3, s.failed("d"));
        assertTrue(s.succeeded(), "a success ends the streak");
        assertEquals(0, s.failed("a"));
        assertFalse(s.succeeded());
    }

    @Test
    void aSuccessBetweenFailuresStartsTheCountAgain() {
        FailureStreak s = new FailureStreak();
        s.failed("a");
        s.failed("b");
        s.succeeded();
        assertEquals(0, s.failed("c"));
        assertEquals(0, s.failed("d"));
        assertEquals(1, s.failed("e"));
    }

    @Test
    void pausesDoubleFromTheFirstUpToTheMaximum() {
        assertEquals(100, RedeliveryPause.forMessage(100, 10_000, 1));
        assertEquals(200, RedeliveryPause.forMessage(100, 10_000, 2));
        assertEquals(6_400, RedeliveryPause.forMessage(100, 10_000, 7));
        assertEquals(10_000, RedeliveryPause.forMessage(100, 10_000, 8));
        assertEquals(10_000, RedeliveryPause.forMessage(100, 10_000, Integer.MAX_VALUE));
        assertEquals(0, RedeliveryPause.forMessage(0, 10_000, 3), "0: no pause");
    }

    @Test
    void aFailingEndpointIsNeverRetriedInATightLoop() {
        assertEquals(100, RedeliveryPause.forFailingEndpoint(0, 0, 1));
        assertEquals(100, RedeliveryPause.forFailingEndpoint(0, 0, 5));
        assertEquals(400, RedeliveryPause.forFailingEndpoint(0, 10_000, 3));
        assertEquals(500, RedeliveryPause.forFailingEndpoint(500, 10_000, 1));
    }
}
