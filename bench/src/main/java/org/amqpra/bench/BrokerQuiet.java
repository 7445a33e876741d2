package org.amqpra.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits, before a timed run, until the local RabbitMQ node has finished the work the previous
 * run left it (deleting the queue of a gigabyte of 64 KiB messages, for one: the waits of a full
 * run averaged 114 ms, the longest 204 ms), so that each client's timed run starts on a broker
 * in the same, idle state. The broker
 * is found as the local {@code beam.smp} process; on a machine where it is not visible (a
 * remote broker) nothing is waited for, and {@link #describe()} says so.
 */
final class BrokerQuiet {
    /** Broker CPU, in percent of one core over one sample, below which it counts as idle. */
    private static final double IDLE_PERCENT = 15;

    private static final long SAMPLE_MILLIS = 100;
    private static final long MAX_WAIT_MILLIS = 10_000;
    /** Clock ticks per second of /proc/PID/stat on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private final Path stat;

    private BrokerQuiet(Path stat) {
        this.stat = stat;
    }

    /** The local broker, or one that waits for nothing when no beam.smp process is visible. */
    static BrokerQuiet find() {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("beam.smp")) {
                        return new BrokerQuiet(p.resolve("stat"));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException | RuntimeException noProc) {
            // not Linux: nothing to wait for
        }
        return new BrokerQuiet(null);
    }

    /** The broker's process id, or -1 when it is not visible. */
    long pid() {
        return stat == null ? -1 : Long.parseLong(stat.getParent().getFileName().toString());
    }

    String describe() {
        return stat == null
                ? "broker process not visible: timed runs do not wait for it to be idle"
                : "each timed run waits until the broker (" + stat.getParent().getFileName() + ") used less than "
                        + (int) IDLE_PERCENT + "% of a core for " + SAMPLE_MILLIS + " ms (at most "
                        + MAX_WAIT_MILLIS / 1000 + " s)";
    }

    /** Waits until the broker is idle, at most {@link #MAX_WAIT_MILLIS}; returns the milliseconds waited. */
    long await() throws InterruptedException {
        if (stat == null) {
            return 0;
        }
        long start = System.nanoTime();
        try {
            double before = cpuSeconds();
            while ((System.nanoTime() - start) / 1_000_000 < MAX_WAIT_MILLIS) {
                Thread.sleep(SAMPLE_MILLIS);
                double now = cpuSeconds();
                if ((now - before) * 1000 / SAMPLE_MILLIS * 100 < IDLE_PERCENT) {
                    break;
                }
                before = now;
            }
        } catch (IOException | RuntimeException unreadable) {
            // the broker restarted or /proc changed: do not wait
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** User plus system CPU seconds of the broker process (fields 14 and 15 of /proc/PID/stat). */
    private double cpuSeconds() throws IOException {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }
}
