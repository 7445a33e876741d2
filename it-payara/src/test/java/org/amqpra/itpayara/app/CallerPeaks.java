package org.amqpra.itpayara.app;

import java.util.concurrent.atomic.AtomicInteger;

/** How many callers were inside a section at once, at most (reset when read). */
public final class CallerPeaks {
    /** Callers inside {@link PublisherBean#publishHolding}. */
    public static final CallerPeaks IN_BEAN = new CallerPeaks();
    /** Callers of it holding a connection handle from the pool. */
    public static final CallerPeaks WITH_CONNECTION = new CallerPeaks();

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    private CallerPeaks() {}

    void enter() {
        peak.accumulateAndGet(now.incrementAndGet(), Math::max);
    }

    void leave() {
        now.decrementAndGet();
    }

    /** The peak since the last call, then starts again from the present count. */
    int takePeak() {
        return peak.getAndSet(now.get());
    }
}
