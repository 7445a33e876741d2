package org.amqpra.itapps;

import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** The test applications report what they did by publishing to a results queue through the outbound factory. */
public final class Results {
    /** Where the adapter's default factory is bound: WildFly (by the RAR's ironjacamar.xml), Payara (by the tests). */
    private static final List<String> FACTORY_NAMES =
            List.of("java:/amqp/DefaultConnectionFactory", "amqp/DefaultConnectionFactory");

    /** Looked up once per deployment (each deployment loads this class anew). */
    private static volatile AmqpConnectionFactory factory;

    private Results() {}

    /** Publishes {@code body} to {@code queue} through the adapter's default factory (in the caller's transaction, if any). */
    public static void publish(String queue, String body) {
        AmqpConnectionFactory cf = factory;
        if (cf == null) {
            factory = cf = lookUpFactory();
        }
        publish(cf, queue, body);
    }

    /** The adapter's default connection factory, under whichever server's name it is bound. */
    public static AmqpConnectionFactory lookUpFactory() {
        NamingException last = null;
        for (String name : FACTORY_NAMES) {
            try {
                return (AmqpConnectionFactory) new InitialContext().lookup(name);
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no AMQP connection factory bound at " + FACTORY_NAMES, last);
    }

    /** Publishes {@code body} to {@code queue} through {@code cf} (in the caller's transaction, if any). */
    public static void publish(AmqpConnectionFactory cf, String queue, String body) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(body).build(), "", queue);
        }
    }

    /** As {@link #publish(String, String)}, persistent (survives a broker restart on a durable queue). */
    public static void publishPersistent(String queue, String body) {
        AmqpConnectionFactory cf = factory;
        if (cf == null) {
            factory = cf = lookUpFactory();
        }
        publishPersistent(cf, queue, body);
    }

    /** As {@link #publish(AmqpConnectionFactory, String, String)}, persistent (survives a broker restart on a durable queue). */
    public static void publishPersistent(AmqpConnectionFactory cf, String queue, String body) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(body).persistent().build(), "", queue);
        }
    }

    /** A message's identity in reports: its message id, else its body. */
    public static String id(Message m) {
        return m.messageId() != null ? m.messageId() : m.bodyAsString();
    }
}
