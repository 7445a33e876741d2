package org.amqpra.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code --pin}: gives the local broker a core of its own for the run. Every thread of the
 * broker process goes to the last core and every thread of this JVM (and the threads they start
 * later, which inherit it) to the others, with {@code taskset}; the broker's own affinity is put
 * back at the end, and by a shutdown hook if the run dies. On the 2-core machine the two
 * clients then never compete with the broker for a core, so client CPU per message stops
 * depending on what the broker happens to be doing on the same core. An option, not the default:
 * the setup is the shared one, and this changes the broker's process (root, or the
 * broker's user, and util-linux's {@code taskset}, are needed; without them the run says so and
 * goes on unpinned).
 */
final class CorePinning implements AutoCloseable {
    private final long brokerPid;
    private final String brokerCpus;
    private final Thread restoreOnExit;
    private final String description;

    private CorePinning(long brokerPid, String brokerCpus, String description) {
        this.brokerPid = brokerPid;
        this.brokerCpus = brokerCpus;
        this.description = description;
        this.restoreOnExit = brokerPid < 0 ? null : new Thread(this::restore, "bench-unpin-broker");
        if (restoreOnExit != null) {
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
        }
    }

    /** Pins the broker ({@code brokerPid}, -1 if not visible) and this JVM apart, when it can. */
    static CorePinning apply(long brokerPid) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (brokerPid < 0 || cores < 2) {
            return new CorePinning(-1, null, "not pinned: " + (brokerPid < 0 ? "no local broker process" : "one core"));
        }
        try {
            String before = taskset("-c", "-p", Long.toString(brokerPid)); // "pid N's current affinity list: 0,1"
            String cpus = before.substring(before.lastIndexOf(':') + 1).trim();
            int last = cores - 1;
            taskset("-a", "-c", "-p", Integer.toString(last), Long.toString(brokerPid));
            taskset(
                    "-a",
                    "-c",
                    "-p",
                    last == 1 ? "0" : "0-" + (last - 1),
                    Long.toString(ProcessHandle.current().pid()));
            return new CorePinning(
                    brokerPid,
                    cpus,
                    "broker (" + brokerPid + ") pinned to CPU " + last
                            + ", this JVM to CPU " + (last == 1 ? "0" : "0-" + (last - 1)) + "; the broker's CPUs "
                            + cpus
                            + " are restored at the end");
        } catch (IOException | RuntimeException e) {
            return new CorePinning(-1, null, "not pinned: " + e.getMessage());
        }
    }

    String describe() {
        return description;
    }

    private void restore() {
        if (brokerPid < 0) {
            return;
        }
        try {
            taskset("-a", "-c", "-p", brokerCpus, Long.toString(brokerPid));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not restore the broker's CPUs (" + brokerCpus + "): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        restore();
        if (restoreOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Runs {@code taskset} with {@code args}; its standard output, or an exception with its error. */
    private static String taskset(String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "taskset";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("taskset did not finish in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running taskset");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException("taskset " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
