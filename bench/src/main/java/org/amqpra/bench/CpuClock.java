package org.amqpra.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process CPU time of this JVM (all threads: the client's, GC, JIT), and, on Linux, its split
 * into user and kernel time. On loopback the kernel time of the sending process includes the
 * copy into the socket and much of the TCP work for the receiving broker, which both clients pay
 * alike; the user time is the client's own code.
 */
final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Path STAT = Path.of("/proc/self/stat");
    /** /proc reports in USER_HZ ticks, 100 per second on every Linux ABI in use. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {
    }

    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** A reading of total, user and kernel CPU time; user and kernel are -1 without /proc. */
    record Sample(long total, long user, long kernel) {
        static Sample now() {
            long total = processCpuNanos();
            try {
                String s = Files.readString(STAT);
                // fields after the parenthesised command name: state is field 3, utime 14, stime 15
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                return new Sample(total, Long.parseLong(f[11]) * NANOS_PER_TICK, Long.parseLong(f[12]) * NANOS_PER_TICK);
            } catch (IOException | RuntimeException noProc) {
                return new Sample(total, -1, -1);
            }
        }

        /** Adds CPU seconds per million messages from this sample to {@code end}: total, and user/kernel when known. */
        Measurement putUntil(Sample end, Measurement m, int count) {
            m.put("client cpu s per 1M msgs", perMillion(end.total - total, count));
            if (user >= 0 && end.user >= 0) {
                m.put("client cpu user s per 1M", perMillion(end.user - user, count));
                m.put("client cpu kernel s per 1M", perMillion(end.kernel - kernel, count));
            }
            return m;
        }

        private static double perMillion(long nanos, int count) {
            return nanos / 1e9 * (1_000_000.0 / count);
        }
    }
}
