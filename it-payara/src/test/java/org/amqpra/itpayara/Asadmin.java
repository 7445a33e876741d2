package org.amqpra.itpayara;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Payara's {@code asadmin} against the test domain, each command with a time limit. */
final class Asadmin {
    static final int PORT_BASE = 20000;
    static final int ADMIN_PORT = PORT_BASE + 48;
    static final int HTTP_PORT = PORT_BASE + 80;

    private final Path home;

    Asadmin(Path home) {
        this.home = home;
    }

    /** Runs a command; fails with its output unless it succeeds. */
    String run(String... args) throws IOException, InterruptedException {
        Result r = attempt(args);
        if (r.exitCode != 0) {
            throw new IllegalStateException(
                    "asadmin " + String.join(" ", args) + " failed (" + r.exitCode + "):\n" + r.output);
        }
        return r.output;
    }

    /** Runs a command and returns what it printed and how it ended. */
    Result attempt(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/asadmin").toString());
        cmd.add("--port");
        cmd.add(String.valueOf(ADMIN_PORT));
        cmd.add("--interactive=false");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " took more than 5 minutes");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** What a command printed and its exit code. */
    record Result(int exitCode, String output) {}
}
