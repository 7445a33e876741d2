package org.amqpra.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    /**
     * Unsettled publishes by sequence number: the entry for {@code seq} sits at
     * {@code ring[(seq - firstSeq + head) % ring.length]}, where {@code firstSeq} is the oldest
     * number not yet removed. Settled entries are nulled in place and dropped from the front as
     * soon as they are the oldest, so single acks out of order cost no search. Guarded by this.
     */
    private Entry[] ring = new Entry[1024];

    private int head;
    private int count;
    private long firstSeq = 1;
    private long nextSeq = 1;
    /** Publishes neither acked nor nacked yet (guarded by this; waited on by {@link #awaitBelow}). */
    private int unsettled;
    /** Whether a publisher waits in {@link #awaitBelow} (guarded by this). */
    private boolean windowWaiters;
    /** The highest resume mark of the publishers waiting in {@link #awaitBelow} (guarded by this). */
    private int wakeBelow;
    /** Entries settled by one ack or nack, completed after the lock is let go (reader thread only). */
    private final List<Entry> settled = new ArrayList<>();

    private volatile boolean failedSinceWait;

    private static final class Entry {
        final long seq;
        final CompletableFuture<Void> future;
        final String exchange;
        final String routingKey;
        final boolean mandatory;
        volatile ReturnedMessage returned;

        Entry(long seq, CompletableFuture<Void> future, String exchange, String routingKey, boolean mandatory) {
            this.seq = seq;
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
    synchronized long next(CompletableFuture<Void> future, String exchange, String routingKey, boolean mandatory) {
        long seq = nextSeq++;
        if (count == ring.length) {
            grow();
        }
        // count == seq - firstSeq: every number from firstSeq on has a slot, settled or not
        ring[(head + count) % ring.length] = new Entry(seq, future, exchange, routingKey, mandatory);
        count++;
        unsettled++;
        return seq;
    }

    private void grow() {
        Entry[] bigger = new Entry[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    /** Publishes neither acked nor nacked yet. */
    synchronized int unsettled() {
        return unsettled;
    }

    /** The number the next publish will get. */
    synchronized long nextSequenceNumber() {
        return nextSeq;
    }

    /** basic.ack from the broker (reader thread). */
    void ack(long tag, boolean multiple) {
        settle(tag, multiple);
        for (Entry en : settled) {
            if (en.returned != null) {
                failedSinceWait = true;
                en.future.completeExceptionally(new MessageReturnedException(en.returned, channel));
            } else {
                en.future.complete(null);
            }
        }
        settled.clear();
    }

    /** basic.nack from the broker (reader thread). */
    void nack(long tag, boolean multiple) {
        settle(tag, multiple);
        for (Entry en : settled) {
            failedSinceWait = true;
            en.future.completeExceptionally(new MessageNackedException(en.seq, channel));
        }
        settled.clear();
    }

    /** basic.return on a confirm channel: marks the matching mandatory publish. */
    synchronized void returned(ReturnedMessage r) {
        for (int i = 0; i < count; i++) {
            Entry en = ring[(head + i) % ring.length];
            if (en != null
                    && en.mandatory
                    && en.returned == null
                    && en.exchange.equals(r.exchange())
                    && en.routingKey.equals(r.routingKey())) {
                en.returned = r;
                return;
            }
        }
    }

    /** Moves the entries an ack or nack settles to {@link #settled}; unknown tags are ignored. */
    private synchronized void settle(long tag, boolean multiple) {
        if (tag < firstSeq || tag >= nextSeq) {
            return; // already settled, or never published: nothing to do
        }
        int upTo = (int) (tag - firstSeq); // index of the tag, relative to head
        for (int i = multiple ? 0 : upTo; i <= upTo; i++) {
            int slot = (head + i) % ring.length;
            Entry en = ring[slot];
            if (en != null) {
                settled.add(en);
                ring[slot] = null;
                unsettled--;
            }
        }
        wakeWindowWaiters();
        // drop the settled run at the front
        while (count > 0 && ring[head] == null) {
            head = (head + 1) % ring.length;
            count--;
            firstSeq++;
        }
    }

    /** Fails every unconfirmed publish (channel or connection closed). */
    void failAll(RuntimeException error) {
        List<Entry> all = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                int slot = (head + i) % ring.length;
                if (ring[slot] != null) {
                    all.add(ring[slot]);
                    ring[slot] = null;
                }
            }
            head = 0;
            count = 0;
            unsettled = 0;
            firstSeq = nextSeq;
            wakeWindowWaiters();
        }
        for (Entry en : all) {
            failedSinceWait = true;
            en.future.completeExceptionally(error);
        }
    }

    /**
     * Waits until fewer than {@code window} publishes are unsettled. Once it has to wait, it
     * waits on until the window is a quarter empty ({@link #resumeMark}): the publisher then
     * writes a batch of publishes per wake-up rather than the few that one ack frame settles
     * (RabbitMQ acks a few publishes per frame under load, and each wait is a wake-up of the
     * publisher and a hand-off to the writer thread; {@code bench/DESIGN-MEASUREMENTS.md}). The waiter
     * is woken by the ack or nack frame that brings the count below the mark.
     *
     * @throws AmqpTimeoutException when {@code timeout} passes first
     */
    synchronized void awaitBelow(int window, Duration timeout) {
        if (unsettled < window) {
            return;
        }
        int resume = resumeMark(window);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (unsettled >= resume) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AmqpTimeoutException(new ReplyInfo(
                            0,
                            unsettled + " publishes still unconfirmed after " + timeout.toMillis() + " ms (window "
                                    + window + ")",
                            85,
                            10,
                            "confirm.select",
                            channel));
                }
                wakeBelow = windowWaiters ? Math.max(wakeBelow, resume) : resume;
                windowWaiters = true;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for the confirm window"));
        }
    }

    /**
     * The count below which a publisher that found its window full goes on: three quarters of
     * the window (a low-water mark, as RabbitMQ's own credit flow grants credit in batches);
     * windows under 4 have none.
     */
    static int resumeMark(int window) {
        return window - window / 4;
    }

    /**
     * Wakes publishers waiting in {@link #awaitBelow} once the count is below the mark of one
     * of them (lock held); each woken publisher checks its own mark and may wait again.
     */
    private void wakeWindowWaiters() {
        if (windowWaiters && unsettled < wakeBelow) {
            windowWaiters = false;
            notifyAll();
        }
    }

    /**
     * Waits until everything published so far is settled.
     *
     * @return true if all were acked (and none failed since the previous wait)
     */
    boolean waitForAll(Duration timeout) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                Entry en = ring[(head + i) % ring.length];
                if (en != null) {
                    futures.add(en.future);
                }
            }
        }
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            failedSinceWait = true;
        } catch (TimeoutException e) {
            throw new AmqpTimeoutException(new ReplyInfo(
                    0,
                    futures.size() + " publishes not confirmed within " + timeout.toMillis() + " ms",
                    85,
                    10,
                    "confirm.select",
                    channel));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for confirms"));
        }
        boolean ok = !failedSinceWait;
        failedSinceWait = false;
        return ok;
    }
}
