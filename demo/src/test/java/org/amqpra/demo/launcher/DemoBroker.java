package org.amqpra.demo.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The broker the demo uses: {@code AMQP_URI} if set, else a broker answering on
 * {@code localhost:5672}. (An embedded broker where none runs is not built yet: the demo says so
 * and stops.)
 */
record DemoBroker(String host, int port, String user, String password, String virtualHost, String source) {
    static DemoBroker find() {
        String uri = System.getenv("AMQP_URI");
        if (uri != null && !uri.isBlank()) {
            return fromUri(uri);
        }
        if (answers("localhost", 5672)) {
            return new DemoBroker(
                    "localhost", 5672, "guest", "guest", "/", "a broker already running on localhost:5672");
        }
        throw new IllegalStateException("no AMQP broker: none answers on localhost:5672 and AMQP_URI is not set. "
                + "Start RabbitMQ (rabbitmq-server -detached) or set AMQP_URI=amqp://user:pass@host:5672/%2F");
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
                "AMQP_URI");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
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

    @Override
    public String toString() {
        return "amqp://" + user + "@" + host + ":" + port + " (" + source + ")"; // no password
    }
}
