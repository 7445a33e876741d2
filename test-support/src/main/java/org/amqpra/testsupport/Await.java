package org.amqpra.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of for a fixed time: polls it (every 5 ms at first, backing off
 * to 100 ms) until it holds, and fails with a message naming what was awaited and the last value
 * seen when it does not hold within the timeout. A condition that throws is treated as not yet
 * holding (a broker connection being re-opened, say) and its last exception is reported.
 */
public final class Await {
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Await() {}

    /** Returns once {@code condition} holds; an {@link AssertionError} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        value(timeout, what, condition::getAsBoolean, held -> held);
    }

    /**
     * Returns the first value of {@code value} that {@code accepted} accepts; an
     * {@link AssertionError} naming the last value seen after {@code timeout}.
     */
    public static <T> T value(Duration timeout, String what, Supplier<T> value, Predicate<? super T> accepted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long poll = FIRST_POLL_NANOS;
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = value.get();
                lastError = null;
                if (accepted.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                AssertionError failure = new AssertionError("not within " + timeout.toMillis() + " ms: " + what
                        + (lastError != null
                                ? " (last attempt failed: " + lastError + ")"
                                : " (last value: " + last + ")"));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            sleep(Math.min(poll, left));
            poll = Math.min(poll * 2, MAX_POLL_NANOS);
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
