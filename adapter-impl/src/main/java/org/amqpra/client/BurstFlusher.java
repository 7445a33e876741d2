package org.amqpra.client;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.amqpra.ConnectionLostException;
import org.amqpra.ReplyInfo;

/**
 * The connection's writer for bursts: publishers and ackers that write in quick succession leave
 * their bytes pending and wake this loop, which flushes them together. It is its own thread, not
 * the heartbeat monitor's, so that a socket write that stalls here can still be detected and
 * aborted by the monitor.
 *
 * <p>It also finishes streams of large publishes, which leave the tail of their last TCP
 * segment pending for the next publish: once none has followed for
 * {@link LargeBodyWriter#LINGER_NANOS}, it writes the tail.
 */
final class BurstFlusher implements Runnable {
    private final Connection conn;
    private final FrameOutput out;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean lingering = new AtomicBoolean();
    private static final long MAX_LINGER_NAP = TimeUnit.MILLISECONDS.toNanos(2);
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean stopped;

    BurstFlusher(Connection conn, FrameOutput out) {
        this.conn = conn;
        this.out = out;
    }

    /** Asks for a flush soon; cheap when one is already asked for. */
    void request() {
        if (requested.compareAndSet(false, true)) {
            signal.release();
        }
    }

    /** Asks for the tail of a stream of large publishes to be written once the stream pauses. */
    void requestLinger() {
        if (lingering.compareAndSet(false, true)) {
            signal.release();
        }
    }

    void stop() {
        stopped = true;
        signal.release();
    }

    /**
     * Waits until no large publish was appended for {@link LargeBodyWriter#LINGER_NANOS}, or until
     * an immediate flush is asked for, whichever comes first.
     */
    private void lingerUntilQuiet() throws InterruptedException {
        long nap = LargeBodyWriter.LINGER_NANOS;
        while (!stopped) {
            // a publisher blocked in a socket write (the broker reads slower) is still streaming
            long quiet = out.writeStartedNanos() != 0 ? 0 : System.nanoTime() - out.lastLargeAppendNanos();
            if (quiet >= LargeBodyWriter.LINGER_NANOS) {
                return;
            }
            // The stream goes on: each look costs a wake-up, so look less often the longer it
            // lasts (up to MAX_LINGER_NAP; a stream's last tail waits at most that long).
            if (signal.tryAcquire(Math.max(nap - quiet, LargeBodyWriter.LINGER_NANOS - quiet), TimeUnit.NANOSECONDS)
                    && requested.get()) {
                return;
            }
            nap = Math.min(nap * 2, MAX_LINGER_NAP);
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                if (!signal.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (!requested.get() && lingering.get()) {
                    lingerUntilQuiet();
                }
                requested.set(false);
                lingering.set(false);
                if (stopped) {
                    return;
                }
                out.flushPending();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                conn.abort(
                        new ConnectionLostException(ReplyInfo.local(0, "write failed: " + e.getMessage()), e), false);
                return;
            } catch (RuntimeException e) {
                conn.abort(new ConnectionLostException(ReplyInfo.local(0, "flush failed: " + e), e), false);
                return;
            }
        }
    }
}
