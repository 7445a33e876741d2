package org.amqpra.client;

/**
 * When the socket write under way started and when the last one ended. The heartbeat monitor
 * reads both: a write that stays started past the write timeout is a stalled socket, and a
 * connection that wrote nothing for half the heartbeat interval owes the broker a heartbeat.
 * Written by whichever thread holds the frame output's socket lock.
 */
final class WriteClock {
    private volatile long startedNanos;
    private volatile long lastEndNanos = System.nanoTime();

    /** A socket write starts (socket lock held). */
    void started() {
        startedNanos = System.nanoTime();
    }

    /** The socket write ended, written or failed (socket lock held). */
    void ended() {
        startedNanos = 0;
        lastEndNanos = System.nanoTime();
    }

    /** When the socket write in progress started, 0 if none. */
    long startedNanos() {
        return startedNanos;
    }

    /** Whether nothing was written for {@code idleNanos}. */
    boolean idleFor(long idleNanos) {
        return System.nanoTime() - lastEndNanos >= idleNanos;
    }
}
