package org.amqpra.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code rabbitmqctl} against the local broker, failing loudly when it cannot. */
public final class RabbitCtl {
    private RabbitCtl() {}

    /** Runs {@code rabbitmqctl args...} and returns its output; throws on a non-zero exit. */
    public static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("rabbitmqctl");
        cmd.addAll(List.of(args));
        return Processes.run(cmd, Duration.ofSeconds(60));
    }

    /**
     * Closes, as an operator would ({@code close_connection}), every client connection whose
     * client-provided name starts with {@code namePrefix}, leaving the others (the test's own)
     * open; returns how many were closed.
     */
    public static int closeConnectionsNamed(String namePrefix, String reason) {
        // the client-provided name is in client_properties: {"connection_name","<name>"}
        String named = "{\"connection_name\",\"" + namePrefix;
        int closed = 0;
        for (String line : run("list_connections", "-q", "--no-table-headers", "pid", "client_properties")
                .split("\n")) {
            String[] pidAndProperties = line.trim().split("\t", 2);
            if (pidAndProperties.length == 2 && pidAndProperties[1].contains(named)) {
                run("close_connection", pidAndProperties[0], reason);
                closed++;
            }
        }
        return closed;
    }
}
