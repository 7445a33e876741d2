package org.amqpra.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An Apache Qpid Broker-J (AMQP 0-9-1, in memory) in a JVM of its own on a free port: the
 * zero-setup broker of the demo and of the tests that check the client and the adapter on a
 * broker other than RabbitMQ. {@code classPath} must hold Qpid (qpid-broker-core and the 0-8
 * protocol and memory store plugins, 9.2.1) and this module. Closing it stops that JVM.
 */
public final class EmbeddedQpid implements AutoCloseable {
    private final Process process;
    private final int port;

    private EmbeddedQpid(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the broker for a module's tests: the class path is the one the build wrote to
     * {@code target/test-class-path.txt} (maven-dependency-plugin {@code build-classpath}, test
     * scope, holding Qpid and this module), the work directory {@code target/<name>}.
     */
    public static EmbeddedQpid startForTests(String name) throws IOException {
        Path target = Path.of("target");
        String classPath =
                Files.readString(target.resolve("test-class-path.txt")).trim();
        return start(classPath, target.resolve(name), Duration.ofSeconds(60));
    }

    /** Starts the broker and waits (at most {@code timeout}) until it accepts connections. */
    public static EmbeddedQpid start(String classPath, Path workDir, Duration timeout) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("qpid-console.log");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-cp",
                        classPath,
                        QpidMain.class.getName(),
                        Integer.toString(port),
                        workDir.toString()))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread output = new Thread(
                () -> {
                    // copies the broker's output to its log, all of it, so that it never blocks on a full pipe
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            Files.writeString(
                                    log,
                                    line + "\n",
                                    StandardCharsets.UTF_8,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND);
                            if (line.startsWith("QPID-READY")) {
                                ready.complete(true);
                            }
                        }
                    } catch (IOException ignored) {
                        // the broker ended
                    }
                    ready.complete(false);
                },
                "qpid-output");
        output.setDaemon(true);
        output.start();
        try {
            if (ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new EmbeddedQpid(p, port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported below
        }
        p.destroyForcibly();
        throw new IOException("Qpid Broker-J did not start within " + timeout + " (its output: " + log + ")");
    }

    /** The AMQP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The broker's URI for our client (guest/guest, virtual host "/"). */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
    }

    /** Stops the broker: closes its standard input, waits up to 10 s, then kills it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
