package org.amqpra.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real three-node RabbitMQ cluster for one test class, started and stopped by the test itself
 * through the repository's {@code scripts/rabbit-cluster.sh}: nodes {@code amqpra1..3@localhost}
 * on 127.0.0.1:5681-5683, data under the module's {@code target/rabbit-cluster}. The machine's
 * default broker is not touched. {@link #close()} stops every node; a shutdown hook does it too
 * when the JVM ends first, so a failing test leaves nothing running.
 */
public final class RabbitCluster implements AutoCloseable {
    /** The nodes' AMQP ports, node 1 first. */
    public static final int[] PORTS = {5681, 5682, 5683};

    private final Path script;
    private final Path base;
    private final Thread stopOnExit;
    private boolean closed;

    private RabbitCluster(Path script, Path base) {
        this.script = script;
        this.base = base;
        this.stopOnExit = new Thread(this::stopNodes, "rabbit-cluster-stop");
    }

    /** Starts the three nodes and joins them (about 30 s); throws when that fails. */
    public static RabbitCluster start() {
        Path script = findScript();
        RabbitCluster cluster =
                new RabbitCluster(script, Path.of("target", "rabbit-cluster").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            cluster.script("start");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code 127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683}. */
    public String addresses() {
        List<String> all = new ArrayList<>();
        for (int port : PORTS) {
            all.add("127.0.0.1:" + port);
        }
        return String.join(",", all);
    }

    /** The Erlang node name of node {@code n} (1 to 3). */
    public static String node(int n) {
        return "amqpra" + n + "@localhost";
    }

    /** Node (1 to 3) listening on {@code port}. */
    public static int nodeOfPort(int port) {
        for (int i = 0; i < PORTS.length; i++) {
            if (PORTS[i] == port) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no cluster node on port " + port);
    }

    /** Runs {@code rabbitmqctl -n <node n> args...} with the cluster's cookie; returns its output. */
    public String ctl(int n, String... args) {
        List<String> all = new ArrayList<>(List.of("ctl", "-n", node(n)));
        all.addAll(List.of(args));
        return script(all.toArray(new String[0]));
    }

    /** Stops the RabbitMQ application on node {@code n} (the Erlang node stays up). */
    public void stopApp(int n) {
        ctl(n, "stop_app");
    }

    /** Starts the RabbitMQ application on node {@code n} again. */
    public void startApp(int n) {
        ctl(n, "start_app");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopNodes();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stopNodes() {
        try {
            script("stop");
        } catch (RuntimeException e) {
            System.err.println("stopping the test cluster failed: " + e.getMessage());
        }
    }

    private String script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.add(args[0]);
        cmd.add(base.toString());
        cmd.addAll(List.of(args).subList(1, args.length));
        return Processes.run(cmd, Duration.ofMinutes(5));
    }

    /** {@code scripts/rabbit-cluster.sh} in this directory or the nearest parent that has one. */
    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts").resolve("rabbit-cluster.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "scripts/rabbit-cluster.sh not found above " + Path.of("").toAbsolutePath());
    }
}
