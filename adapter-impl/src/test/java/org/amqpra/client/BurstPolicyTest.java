package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BurstPolicyTest {
    private static final long T0 = 1_000_000_000L;
    private final BurstPolicy policy = new BurstPolicy(1000);

    @Test
    void anIsolatedAppendIsNoBurst() {
        assertFalse(policy.continuesBurst(T0, 10));
        assertFalse(policy.continuesBurst(T0 + BurstPolicy.BURST_NANOS, 10), "exactly the interval apart");
    }

    @Test
    void appendsCloserThanTheIntervalAreABurst() {
        policy.continuesBurst(T0, 10);
        assertTrue(policy.continuesBurst(T0 + BurstPolicy.BURST_NANOS - 1, 20));
        assertTrue(policy.continuesBurst(T0 + 2 * BurstPolicy.BURST_NANOS - 2, 30), "measured from the last append");
    }

    @Test
    void aBurstStopsGrowingAtMaxPending() {
        policy.continuesBurst(T0, 10);
        assertFalse(policy.continuesBurst(T0 + 1, 1000));
        assertTrue(policy.continuesBurst(T0 + 2, 999));
    }
}
