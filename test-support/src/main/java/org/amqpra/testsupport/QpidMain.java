package org.amqpra.testsupport;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of the JVM {@link EmbeddedQpid} starts: an in-memory Apache Qpid Broker-J
 * listening for AMQP 0-9-1 on {@code 127.0.0.1:<port>} (user guest/guest, PLAIN, virtual host
 * "/" through the default alias). Prints {@code QPID-READY} when it accepts connections and
 * stops when its standard input closes. Qpid is called by reflection: this module compiles
 * without it, only the JVM that runs this class has it on its class path.
 * Usage: {@code QpidMain <port> <work directory>}.
 */
public final class QpidMain {
    private QpidMain() {}

    /** The broker's initial configuration (Qpid's JSON): the facts are in shared/notes/qpid-broker-j.md. */
    static String configuration() {
        return """
                {
                  "name": "amqpra-embedded",
                  "modelVersion": "9.0",
                  "authenticationproviders": [{
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [{"name": "guest", "type": "managed", "password": "guest"}]
                  }],
                  "ports": [{
                    "name": "AMQP",
                    "port": "${qpid.amqp_port}",
                    "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      {"name": "nameAlias", "type": "nameAlias"},
                      {"name": "defaultAlias", "type": "defaultAlias"}
                    ]
                  }],
                  "virtualhostnodes": [{
                    "name": "default",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  }]
                }
                """;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        Path config = work.resolve("initial-config.json");
        Files.writeString(config, configuration(), StandardCharsets.UTF_8);

        Map<String, String> context = new HashMap<>();
        context.put("qpid.amqp_port", Integer.toString(port));
        context.put("qpid.work_dir", work.toString());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toUri().toString());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);

        Class<?> launcherClass = Class.forName("org.apache.qpid.server.SystemLauncher");
        Object launcher = launcherClass.getConstructor().newInstance();
        Method startup = launcherClass.getMethod("startup", Map.class);
        startup.invoke(launcher, attributes);
        System.out.println("QPID-READY " + port);
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // the parent ends the broker by closing our standard input
            }
        } catch (IOException parentGone) {
            // the same
        }
        launcherClass.getMethod("shutdown").invoke(launcher);
        System.exit(0);
    }
}
