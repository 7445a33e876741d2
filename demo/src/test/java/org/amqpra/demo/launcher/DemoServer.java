package org.amqpra.demo.launcher;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The WildFly the demo runs in: the distribution unpacked by the build ({@code demo/target}),
 * {@code standalone-full.xml}, the RAR and the application copied into its deployments
 * directory, started as a process of its own and stopped with it.
 */
final class DemoServer implements AutoCloseable {
    private final Path home;
    private final int portOffset;
    private final Path log;
    private Process process;

    DemoServer(Path home, int portOffset) {
        this.home = home;
        this.portOffset = portOffset;
        this.log = home.resolve("standalone/log/demo-console.log");
    }

    int httpPort() {
        return 8080 + portOffset;
    }

    Path log() {
        return log;
    }

    /** Empties the deployments directory and puts {@code archives} there (deployed at start). */
    void deploy(Path... archives) throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        try (Stream<Path> old = Files.list(deployments)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (!p.getFileName().toString().equals("README.txt")) {
                    Files.delete(p);
                }
            }
        }
        for (Path a : archives) {
            Files.copy(a, deployments.resolve(a.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Starts the server with {@code systemProperties}; returns at once. */
    void start(String... systemProperties) throws IOException {
        if (answers(httpPort())) {
            throw new IllegalStateException("port " + httpPort() + " is taken: stop what runs there, or choose "
                    + "another offset with -Ddemo.portOffset=N");
        }
        List<String> cmd = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-full.xml",
                "-Djboss.socket.binding.port-offset=" + portOffset));
        cmd.addAll(List.of(systemProperties));
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("JAVA_OPTS", "-Xmx512m -Djava.net.preferIPv4Stack=true");
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        process = pb.start();
    }

    /**
     * Waits until every archive in the deployments directory is deployed ({@code .deployed}
     * marker); fails on a {@code .failed} marker, on the server's exit, or after {@code timeout}.
     */
    void awaitDeployed(Duration timeout, String... names) throws IOException, InterruptedException {
        Path deployments = home.resolve("standalone/deployments");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (String n : names) {
                if (Files.exists(deployments.resolve(n + ".failed"))) {
                    throw new IllegalStateException(n + " failed to deploy: "
                            + Files.readString(deployments.resolve(n + ".failed")) + " (server log: " + log + ")");
                }
                all &= Files.exists(deployments.resolve(n + ".deployed"));
            }
            if (all) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited (log: " + log + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not deployed within " + timeout + " (log: " + log + ")");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static boolean answers(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/").openConnection();
            c.setConnectTimeout(500);
            c.getResponseCode();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (SIGTERM: WildFly shuts down gracefully), at most 60 s, then kills it. */
    @Override
    public void close() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> all =
                Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }
}
