package org.amqpra.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.amqpra.testsupport.Await;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A WildFly server of the test's own, outside Arquillian, so that it can be killed with
 * {@code kill -9} and started again: the unpacked distribution's {@code standalone} directory
 * copied under {@code target}, ports shifted by 300, deployments by file copy. Every process of
 * it is killed by {@link #kill()} and {@link #close()}.
 */
final class StandaloneWildFly implements AutoCloseable {
    private final Path home;
    private final Path base;
    private final Path log;
    private Process process;

    /** A fresh server base directory under {@code target/crash-server}. */
    StandaloneWildFly(Path home, Path target) throws IOException {
        this.home = home;
        this.base = target.resolve("crash-server").toAbsolutePath();
        this.log = target.resolve("crash-server.log").toAbsolutePath();
        deleteTree(base);
        copyTree(home.resolve("standalone"), base);
        deleteTree(base.resolve("data"));
        deleteTree(base.resolve("tmp"));
    }

    /** Ports are the defaults plus this. */
    static final int PORT_OFFSET = 300;

    /** GET {@code path} on the server's HTTP port. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + path))
                                .timeout(Duration.ofSeconds(120))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Lets a test start a transaction-recovery pass itself ({@link #scanRecovery()}) instead of
     * waiting for the periodic one (every two minutes): Narayana's recovery listener, off by default.
     */
    void enableRecoveryListener() throws IOException {
        Path config = base.resolve("configuration").resolve("standalone-full.xml");
        String xml = Files.readString(config);
        String element = "<recovery-environment socket-binding=\"txn-recovery-environment\"";
        if (!xml.contains(element)) {
            throw new IllegalStateException("no recovery-environment element in " + config);
        }
        Files.writeString(config, xml.replace(element, element + " recovery-listener=\"true\""));
    }

    /** Runs one transaction-recovery pass (both phases) and returns when it is done. */
    void scanRecovery() throws IOException {
        try (Socket s = new Socket("127.0.0.1", 4712 + PORT_OFFSET)) {
            s.setSoTimeout(120_000);
            s.getOutputStream().write("SCAN\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (!"DONE".equals(answer)) {
                throw new IOException("recovery scan answered " + answer);
            }
        }
    }

    /** Waits until the server's processes have ended by themselves (a halted JVM). */
    void awaitExited(Duration timeout) {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> all =
                Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
        Await.until(timeout, "the server's JVM gone", () -> all.stream().noneMatch(ProcessHandle::isAlive));
        process = null;
    }

    /** Writes {@code content} into the deployments directory as {@code name} (a -ds.xml, say). */
    void deploy(String name, String content) throws IOException {
        Files.writeString(base.resolve("deployments").resolve(name), content);
    }

    /**
     * Writes {@code archive} (a test application that uses the adapter's classes) to
     * {@code target}, with the manifest line that makes the deployed RAR visible to it.
     */
    static Path export(Archive<?> archive, Path target) {
        Path file = target.resolve(archive.getName());
        archive.add(
                new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n"),
                "META-INF/MANIFEST.MF");
        archive.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** Copies {@code archive} into the deployments directory under {@code name}. */
    void deploy(Path archive, String name) throws IOException {
        Files.copy(archive, base.resolve("deployments").resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts the server (standalone-full) with {@code systemProperties} ({@code -Dname=value}); returns at once. */
    void start(String... systemProperties) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                home.resolve("bin").resolve("standalone.sh").toString(),
                "-c",
                "standalone-full.xml",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET));
        cmd.addAll(List.of(systemProperties));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("JAVA_OPTS", "-Xmx512m -Djava.net.preferIPv4Stack=true");
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        process = pb.start();
    }

    /** Waits until {@code name} is deployed (its {@code .deployed} marker), failing on {@code .failed}. */
    void awaitDeployed(String name, Duration timeout) {
        Path deployments = base.resolve("deployments");
        Await.until(timeout, name + " deployed", () -> {
            if (Files.exists(deployments.resolve(name + ".failed"))) {
                throw new AssertionError(name + " failed to deploy; see " + log);
            }
            return Files.exists(deployments.resolve(name + ".deployed"));
        });
    }

    /** {@code kill -9} of the server's JVM and its launcher script, and waits until they are gone. */
    void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> all =
                Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
        all.forEach(ProcessHandle::destroyForcibly); // SIGKILL on Linux
        Await.until(
                Duration.ofSeconds(30),
                "the server's processes gone",
                () -> all.stream().noneMatch(ProcessHandle::isAlive));
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    Path log() {
        return log;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
