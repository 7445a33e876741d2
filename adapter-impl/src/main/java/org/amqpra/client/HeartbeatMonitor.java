package org.amqpra.client;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.amqpra.ConnectionLostException;
import org.amqpra.ReplyInfo;

/**
 * One thread per connection that keeps it honest without the application's help: sends a
 * heartbeat when nothing was written for half the interval, declares the peer dead after two
 * intervals without any inbound frame, aborts a socket write stalled beyond the write timeout,
 * flushes bytes a departed writer left behind, and runs the blocked/unblocked callbacks (never
 * on the reader thread).
 */
final class HeartbeatMonitor implements Runnable {
    private static final System.Logger LOG = System.getLogger(HeartbeatMonitor.class.getName());
    private final Connection conn;
    private final FrameOutput out;
    private final long heartbeatNanos;
    private final long writeTimeoutNanos;
    private final long periodNanos;
    private final LinkedBlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
    private volatile boolean stopped;

    HeartbeatMonitor(Connection conn, FrameOutput out, int heartbeatSeconds, long writeTimeoutNanos) {
        this.conn = conn;
        this.out = out;
        this.heartbeatNanos = TimeUnit.SECONDS.toNanos(heartbeatSeconds);
        this.writeTimeoutNanos = writeTimeoutNanos;
        long half = heartbeatNanos / 2;
        this.periodNanos = heartbeatNanos == 0
                ? TimeUnit.SECONDS.toNanos(1)
                : Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(half / 2, TimeUnit.SECONDS.toNanos(1)));
    }

    /** Runs {@code r} on the monitor thread soon. */
    void post(Runnable r) {
        callbacks.add(r);
    }

    void stop() {
        stopped = true;
        callbacks.add(() -> {});
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Runnable cb = callbacks.poll(periodNanos, TimeUnit.NANOSECONDS);
                if (cb != null) {
                    runSafely(cb);
                }
                if (stopped) {
                    return;
                }
                check();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check() {
        long now = System.nanoTime();
        if (heartbeatNanos > 0 && now - conn.lastReadNanos() > 2 * heartbeatNanos) {
            conn.abort(
                    new ConnectionLostException(ReplyInfo.local(
                            0,
                            "missed heartbeats: nothing received from the "
                                    + "broker for " + TimeUnit.NANOSECONDS.toMillis(now - conn.lastReadNanos())
                                    + " ms (heartbeat "
                                    + TimeUnit.NANOSECONDS.toSeconds(heartbeatNanos) + " s)")),
                    false);
            return;
        }
        long started = out.writeStartedNanos();
        if (started != 0 && now - started > writeTimeoutNanos) {
            conn.abort(
                    new ConnectionLostException(ReplyInfo.local(
                            0,
                            "a socket write stalled for more than " + TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos)
                                    + " ms")),
                    false);
            return;
        }
        try {
            out.tick(heartbeatNanos / 2);
        } catch (IOException e) {
            conn.abort(new ConnectionLostException(ReplyInfo.local(0, "write failed: " + e.getMessage()), e), false);
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection callback failed", e);
        }
    }
}
