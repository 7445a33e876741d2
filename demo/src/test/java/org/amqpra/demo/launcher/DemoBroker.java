package org.amqpra.demo.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.amqpra.testsupport.BrokerLocator;
import org.amqpra.testsupport.EmbeddedQpid;

/**
 * The broker the demo uses: {@code AMQP_URI} if set, else a broker answering on
 * {@code localhost:5672}, else an embedded, in-memory Apache Qpid Broker-J started in a JVM of
 * its own on a free port (stopped by {@link #close()}).
 */
final class DemoBroker implements AutoCloseable {
    final String host;
    final int port;
    final String user;
    final String password;
    final String virtualHost;
    final String source;
    private final EmbeddedQpid embedded;

    private DemoBroker(
            String host,
            int port,
            String user,
            String password,
            String virtualHost,
            String source,
            EmbeddedQpid embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.virtualHost = virtualHost;
        this.source = source;
        this.embedded = embedded;
    }

    /** The broker to use; {@code embeddedOnly} skips the first two (the tests of the fallback). */
    static DemoBroker find(boolean embeddedOnly) throws IOException {
        String uri = System.getenv("AMQP_URI");
        if (!embeddedOnly && uri != null && !uri.isBlank()) {
            return fromUri(uri);
        }
        if (!embeddedOnly && BrokerLocator.answers("localhost", 5672)) {
            return new DemoBroker(
                    "localhost", 5672, "guest", "guest", "/", "a broker already running on localhost:5672", null);
        }
        String classPath =
                Files.readString(Path.of(System.getProperty("demo.classPath"))).trim();
        EmbeddedQpid qpid = EmbeddedQpid.start(
                classPath, Path.of(System.getProperty("demo.war")).resolveSibling("qpid-work"), Duration.ofSeconds(60));
        return new DemoBroker(
                "127.0.0.1",
                qpid.port(),
                "guest",
                "guest",
                "/",
                "embedded Apache Qpid Broker-J, in memory, started for the demo",
                qpid);
    }

    static DemoBroker fromUri(String text) {
        URI u = URI.create(text.replaceFirst("^amqps?:", "http:"));
        String[] userInfo = u.getRawUserInfo() == null
                ? new String[] {"guest", "guest"}
                : u.getRawUserInfo().split(":", 2);
        String path = u.getRawPath() == null || u.getRawPath().length() <= 1
                ? "/"
                : u.getRawPath().substring(1);
        return new DemoBroker(
                u.getHost(),
                u.getPort() < 0 ? 5672 : u.getPort(),
                decode(userInfo[0]),
                userInfo.length > 1 ? decode(userInfo[1]) : "",
                decode(path),
                "AMQP_URI",
                null);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The adapter's system properties for this broker (ironjacamar.xml reads them). */
    String[] systemProperties() {
        return new String[] {
            "-Damqpra.host=" + host,
            "-Damqpra.port=" + port,
            "-Damqpra.user=" + user,
            "-Damqpra.password=" + password,
            "-Damqpra.virtual-host=" + virtualHost
        };
    }

    /** Stops the embedded broker, if this is one. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public String toString() {
        return "amqp://" + user + "@" + host + ":" + port + " (" + source + ")"; // no password
    }
}
