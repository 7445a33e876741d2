package org.amqpra.bench;

import java.lang.management.ManagementFactory;

/** Process CPU time of this JVM (all threads: the client's, GC, JIT), in nanoseconds. */
final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }
}
