package org.amqpra.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Without a visible broker process nothing is pinned, and the run says so. */
class CorePinningTest {

    @Test
    void withoutABrokerProcessNothingIsPinnedAndTheRunSaysSo() {
        try (CorePinning p = CorePinning.apply(-1)) {
            assertTrue(p.describe().startsWith("not pinned: no local broker process"), p.describe());
        }
    }
}
