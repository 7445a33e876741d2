package org.amqpra.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the opening of a connection (TCP connect, TLS and AMQP handshakes) by closing the
 * socket at the deadline, which fails whatever read, write or connect is waiting on it.
 *
 * <p>Why not socket timeouts (TLS connections read through socket streams): the JDK's socket
 * implementation switches a socket to non-blocking mode for its first timed operation and never
 * switches back, so every later read of the connection's reader would cost a failed read, a poll
 * and a second read (seen with strace: three system calls per frame batch instead of one). Plain
 * connections ({@link ChannelTransport}) wait in selectors, which closing the transport wakes.
 */
final class OpeningWatchdog implements Runnable, AutoCloseable {
    private final Closeable socket;
    private final long deadlineNanos;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean fired;

    OpeningWatchdog(Closeable socket, long timeoutNanos) {
        this.socket = socket;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    @Override
    public void run() {
        try {
            if (!opened.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                fired = true;
                socket.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    /** Whether the deadline passed and the socket was closed because of it. */
    boolean fired() {
        return fired;
    }

    /** The connection opened (or failed by itself): the watchdog stands down. */
    @Override
    public void close() {
        opened.countDown();
    }
}
