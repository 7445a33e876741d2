package org.amqpra.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * Finds the broker the tests talk to, in this order: {@code AMQP_URI} when set; else
 * 127.0.0.1:5672 when it answers; else a RabbitMQ container from Testcontainers when a Docker
 * engine is available; else a failure that says how to start a broker. Tests never skip for lack
 * of a broker.
 */
public final class Broker {
    private static volatile String uri;

    private Broker() {
    }

    /** The broker's URI (guest/guest, vhost "/"). */
    public static synchronized String uri() {
        if (uri != null) {
            return uri;
        }
        String env = System.getenv("AMQP_URI");
        if (env != null && !env.isBlank()) {
            return uri = env;
        }
        if (answers("127.0.0.1", 5672)) {
            return uri = "amqp://guest:guest@127.0.0.1:5672/%2F";
        }
        if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
            org.testcontainers.containers.RabbitMQContainer c =
                    new org.testcontainers.containers.RabbitMQContainer("rabbitmq:3.13-management");
            c.start();
            return uri = c.getAmqpUrl().replace("amqp://", "amqp://guest:guest@") + "/%2F";
        }
        throw new IllegalStateException("No AMQP broker for the tests: set AMQP_URI, or start RabbitMQ on "
                + "127.0.0.1:5672 (rabbitmq-server -detached), or make a Docker engine available for Testcontainers.");
    }

    /** Host of the broker. */
    public static String host() {
        return URI.create(uri().replace("amqp://", "http://").replace("amqps://", "https://")).getHost();
    }

    /** Port of the broker. */
    public static int port() {
        int p = URI.create(uri().replace("amqp://", "http://").replace("amqps://", "https://")).getPort();
        return p < 0 ? 5672 : p;
    }

    /** Parameters for the test broker. */
    public static ConnectionParameters.Builder params() {
        return ConnectionParameters.fromUri(uri()).toBuilder();
    }

    /** A new connection to the test broker. */
    public static Connection connect() {
        return Connection.open(params().build());
    }

    /** True when the local broker can be driven with rabbitmqctl. */
    public static boolean isLocal() {
        return System.getenv("AMQP_URI") == null && uri().contains("127.0.0.1:5672");
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
