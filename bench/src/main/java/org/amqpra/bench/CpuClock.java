package org.amqpra.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Process CPU time of this JVM (all threads: the client's, GC, JIT), and, on Linux, its split
 * into user and kernel time.
 *
 * <p>The JDK's process CPU time comes from {@code times(2)}: 10 ms ticks, 4% of a 0.25 s
 * consume run. On Linux the total is therefore the sum of every thread's
 * {@code /proc/self/task/<tid>/schedstat} run time (nanoseconds); a thread that ended inside the
 * interval is missing from that sum, so when the tick count says more than two ticks went
 * missing, the tick figure is used instead. The user/kernel split stays in ticks. On loopback the kernel time of the sending process includes the
 * copy into the socket and much of the TCP work for the receiving broker, which both clients pay
 * alike; the user time is the client's own code.
 */
final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path TASKS = Path.of("/proc/self/task");
    /** /proc reports in USER_HZ ticks, 100 per second on every Linux ABI in use. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {}

    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /**
     * A reading of total, user and kernel CPU time (user and kernel -1 without /proc), and the
     * run time of each live thread by id (empty without /proc).
     */
    record Sample(long total, long user, long kernel, Map<String, Long> threadNanos) {
        static Sample now() {
            Map<String, Long> threads = threadRunTimes();
            long total = processCpuNanos();
            try {
                String s = Files.readString(STAT);
                // fields after the parenthesised command name: state is field 3, utime 14, stime 15
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new Sample(
                        total, Long.parseLong(f[11]) * NANOS_PER_TICK, Long.parseLong(f[12]) * NANOS_PER_TICK, threads);
            } catch (IOException | RuntimeException noProc) {
                return new Sample(total, -1, -1, threads);
            }
        }

        /** CPU nanoseconds from this sample to {@code end}, as precise as /proc allows. */
        long nanosUntil(Sample end) {
            long ticks = end.total - total;
            if (threadNanos.isEmpty() || end.threadNanos.isEmpty()) {
                return ticks;
            }
            long precise = 0;
            for (Map.Entry<String, Long> t : end.threadNanos.entrySet()) {
                precise += t.getValue() - threadNanos.getOrDefault(t.getKey(), 0L);
            }
            return ticks - precise > 2 * NANOS_PER_TICK ? ticks : precise; // a thread ended: trust the ticks
        }

        /** Adds CPU seconds per million messages from this sample to {@code end}: total, and user/kernel when known. */
        Measurement putUntil(Sample end, Measurement m, int count) {
            m.put("client cpu s per 1M msgs", perMillion(nanosUntil(end), count));
            if (user >= 0 && end.user >= 0) {
                m.put("client cpu user s per 1M", perMillion(end.user - user, count));
                m.put("client cpu kernel s per 1M", perMillion(end.kernel - kernel, count));
            }
            return m;
        }

        private static Map<String, Long> threadRunTimes() {
            Map<String, Long> m = new HashMap<>();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path t : tasks) {
                    try {
                        // schedstat: time on the CPU (ns), time waiting to run (ns), time slices
                        String s = Files.readString(t.resolve("schedstat"));
                        m.put(t.getFileName().toString(), Long.parseLong(s.substring(0, s.indexOf(' '))));
                    } catch (IOException | RuntimeException threadEnded) {
                        // gone between listing and reading: counted by the tick check
                    }
                }
            } catch (IOException | RuntimeException noProc) {
                return Map.of();
            }
            return m;
        }

        private static double perMillion(long nanos, int count) {
            return nanos / 1e9 * (1_000_000.0 / count);
        }
    }
}
