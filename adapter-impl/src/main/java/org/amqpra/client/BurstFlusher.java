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
 */
final class BurstFlusher implements Runnable {
    private final Connection conn;
    private final FrameOutput out;
    private final AtomicBoolean requested = new AtomicBoolean();
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

    void stop() {
        stopped = true;
        signal.release();
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
            requested.set(false);
            if (stopped) {
                return;
            }
            try {
                out.flushPending();
            } catch (IOException e) {
                conn.abort(new ConnectionLostException(ReplyInfo.local(0, "write failed: " + e.getMessage()), e),
                        false);
                return;
            } catch (RuntimeException e) {
                conn.abort(new ConnectionLostException(ReplyInfo.local(0, "flush failed: " + e), e), false);
                return;
            }
        }
    }
}
