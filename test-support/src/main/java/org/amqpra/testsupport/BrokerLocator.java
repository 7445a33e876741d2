package org.amqpra.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * Finds the broker every module's tests talk to, in this order: {@code AMQP_URI} when set;
 * else 127.0.0.1:5672 when it answers; else a RabbitMQ container from Testcontainers when a
 * Docker engine is available; else a failure that says how to start a broker. Tests never skip
 * for lack of a broker.
 */
public final class BrokerLocator {
    /** The local broker's URI, guest/guest on the default virtual host. */
    public static final String LOCAL_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

    private static volatile String uri;

    private BrokerLocator() {}

    /** The broker's URI (with user, password and virtual host). */
    public static synchronized String uri() {
        if (uri != null) {
            return uri;
        }
        String env = System.getenv("AMQP_URI");
        if (env != null && !env.isBlank()) {
            return uri = env;
        }
        if (answers("127.0.0.1", 5672)) {
            return uri = LOCAL_URI;
        }
        String containerUri = Container.startIfDockerAvailable();
        if (containerUri != null) {
            return uri = containerUri;
        }
        throw new IllegalStateException("No AMQP broker for the tests: set AMQP_URI, or start RabbitMQ on "
                + "127.0.0.1:5672 (rabbitmq-server -detached), or make a Docker engine available for Testcontainers.");
    }

    /** Host of the broker. */
    public static String host() {
        return httpForm().getHost();
    }

    /** Port of the broker. */
    public static int port() {
        int p = httpForm().getPort();
        return p < 0 ? 5672 : p;
    }

    /** True when the broker is the local one, which the tests may drive with {@code rabbitmqctl}. */
    public static boolean isLocal() {
        return System.getenv("AMQP_URI") == null && uri().equals(LOCAL_URI);
    }

    /**
     * The Testcontainers fallback, in a class of its own so that Testcontainers is loaded only
     * when it is needed (the locator also runs inside application servers, without it).
     */
    private static final class Container {
        static String startIfDockerAvailable() {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            RabbitMQContainer c = new RabbitMQContainer("rabbitmq:3.13-management");
            c.start();
            return c.getAmqpUrl().replace("amqp://", "amqp://guest:guest@") + "/%2F";
        }
    }

    private static URI httpForm() {
        return URI.create(uri().replace("amqp://", "http://").replace("amqps://", "https://"));
    }

    /** Whether something accepts a TCP connection at {@code host:port} within a second. */
    public static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
