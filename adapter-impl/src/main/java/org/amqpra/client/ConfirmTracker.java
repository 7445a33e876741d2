package org.amqpra.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.MessageNackedException;
import org.amqpra.MessageReturnedException;
import org.amqpra.ReplyInfo;
import org.amqpra.ReturnedMessage;

/**
 * Publisher confirms of one channel. After confirm.select the broker numbers publishes 1, 2, 3...
 * and acks or nacks them, singly or with {@code multiple} (everything up to N). Numbers are
 * assigned by {@link #next} under the connection's write lock, so they follow wire order.
 *
 * <p>For an unroutable mandatory publish RabbitMQ sends basic.return before the basic.ack; a
 * return carries no sequence number, so it is matched to the oldest unconfirmed mandatory publish
 * with the same exchange and routing key, whose future then fails with
 * {@link MessageReturnedException} when its ack comes.
 */
final class ConfirmTracker {
    private final int channel;
    private final ConcurrentSkipListMap<Long, Entry> pending = new ConcurrentSkipListMap<>();
    private long nextSeq = 1;
    private volatile boolean failedSinceWait;

    private static final class Entry {
        final CompletableFuture<Void> future;
        final String exchange;
        final String routingKey;
        final boolean mandatory;
        volatile ReturnedMessage returned;

        Entry(CompletableFuture<Void> future, String exchange, String routingKey, boolean mandatory) {
            this.future = future;
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.mandatory = mandatory;
        }
    }

    ConfirmTracker(int channel) {
        this.channel = channel;
    }

    /** Assigns the next sequence number to a publish about to be written (under the write lock). */
    long next(CompletableFuture<Void> future, String exchange, String routingKey, boolean mandatory) {
        long seq = nextSeq++;
        pending.put(seq, new Entry(future, exchange, routingKey, mandatory));
        return seq;
    }

    /** The number the next publish will get. */
    long nextSequenceNumber() {
        return nextSeq;
    }

    /** basic.ack from the broker. */
    void ack(long tag, boolean multiple) {
        for (Map.Entry<Long, Entry> e : settle(tag, multiple)) {
            Entry en = e.getValue();
            if (en.returned != null) {
                failedSinceWait = true;
                en.future.completeExceptionally(new MessageReturnedException(en.returned, channel));
            } else {
                en.future.complete(null);
            }
        }
    }

    /** basic.nack from the broker. */
    void nack(long tag, boolean multiple) {
        for (Map.Entry<Long, Entry> e : settle(tag, multiple)) {
            failedSinceWait = true;
            e.getValue().future.completeExceptionally(new MessageNackedException(e.getKey(), channel));
        }
    }

    /** basic.return on a confirm channel: marks the matching mandatory publish. */
    void returned(ReturnedMessage r) {
        for (Entry en : pending.values()) {
            if (en.mandatory && en.returned == null && en.exchange.equals(r.exchange())
                    && en.routingKey.equals(r.routingKey())) {
                en.returned = r;
                return;
            }
        }
    }

    private List<Map.Entry<Long, Entry>> settle(long tag, boolean multiple) {
        List<Map.Entry<Long, Entry>> done = new ArrayList<>();
        if (multiple) {
            NavigableMap<Long, Entry> head = pending.headMap(tag, true);
            Map.Entry<Long, Entry> e;
            while ((e = head.pollFirstEntry()) != null) {
                done.add(e);
            }
        } else {
            Entry en = pending.remove(tag);
            if (en != null) {
                done.add(Map.entry(tag, en));
            }
        }
        return done;
    }

    /** Fails every unconfirmed publish (channel or connection closed). */
    void failAll(RuntimeException error) {
        Map.Entry<Long, Entry> e;
        while ((e = pending.pollFirstEntry()) != null) {
            failedSinceWait = true;
            e.getValue().future.completeExceptionally(error);
        }
    }

    /**
     * Waits until everything published so far is settled.
     *
     * @return true if all were acked (and none failed since the previous wait)
     */
    boolean waitForAll(Duration timeout) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Entry en : pending.values()) {
            futures.add(en.future);
        }
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            failedSinceWait = true;
        } catch (TimeoutException e) {
            throw new AmqpTimeoutException(new ReplyInfo(0, futures.size() + " publishes not confirmed within "
                    + timeout.toMillis() + " ms", 85, 10, "confirm.select", channel));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for confirms"));
        }
        boolean ok = !failedSinceWait;
        failedSinceWait = false;
        return ok;
    }
}
