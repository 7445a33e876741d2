package org.amqpra.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void returnsTheFirstAcceptedValue() {
        AtomicInteger calls = new AtomicInteger();
        int v = Await.value(Duration.ofSeconds(5), "the third call", calls::incrementAndGet, n -> n >= 3);
        assertEquals(3, v);
    }

    @Test
    void failsNamingWhatWasAwaitedAndTheLastValue() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> Await.value(Duration.ofMillis(50), "seven", () -> 6, n -> n == 7));
        assertTrue(e.getMessage().contains("seven") && e.getMessage().contains("last value: 6"), e.getMessage());
    }

    @Test
    void aConditionThatThrowsIsRetriedAndItsErrorReported() {
        AtomicInteger calls = new AtomicInteger();
        Await.until(Duration.ofSeconds(5), "recovers", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return true;
        });
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Await.until(Duration.ofMillis(30), "never", () -> {
                    throw new IllegalStateException("broken");
                }));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }
}
