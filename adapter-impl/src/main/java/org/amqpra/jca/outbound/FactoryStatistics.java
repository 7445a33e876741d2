package org.amqpra.jca.outbound;

import java.util.concurrent.atomic.LongAdder;
import org.amqpra.AmqpException;
import org.amqpra.Channel;
import org.amqpra.ChannelMode;
import org.amqpra.jca.management.LastError;
import org.amqpra.jca.management.LatencyHistogram;

/**
 * What one connection factory's publishes, transactions and broker connections came to, for
 * its MBean. Written on every publish and commit: striped counters and one histogram only.
 */
final class FactoryStatistics {
    final LongAdder publishes = new LongAdder();
    final LongAdder confirmed = new LongAdder();
    final LongAdder unconfirmed = new LongAdder();
    final LongAdder committed = new LongAdder();
    final LongAdder rolledBack = new LongAdder();
    final LongAdder commitFailed = new LongAdder();
    final LongAdder connectionFailures = new LongAdder();
    final LatencyHistogram commitTime = new LatencyHistogram();
    final LastError lastError = new LastError();
    /** Whether the last attempt to open a broker connection failed. */
    volatile boolean lastOpenFailed;

    /** A publish on {@code channel} returned (confirmed by the broker if the channel is in confirm mode). */
    void published(Channel channel) {
        publishes.increment();
        if (channel.mode() == ChannelMode.CONFIRM) {
            confirmed.increment();
        }
    }

    /** A publish on {@code channel} threw: nacked, returned, or its outcome unknown. */
    void publishFailed(Channel channel) {
        if (channel.mode() == ChannelMode.CONFIRM) {
            unconfirmed.increment();
        }
    }

    /** A broker connection could not be opened. */
    void openFailed(RuntimeException e) {
        lastOpenFailed = true;
        connectionFailures.increment();
        lastError.record("cannot open a broker connection: " + e.getMessage());
    }

    /** A broker connection opened. */
    void opened() {
        lastOpenFailed = false;
    }

    /** An open broker connection was lost ({@code cause} not a close of ours). */
    void lost(AmqpException cause) {
        connectionFailures.increment();
        lastError.record("broker connection lost: " + cause.getMessage());
    }
}
