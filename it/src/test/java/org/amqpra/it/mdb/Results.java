package org.amqpra.it.mdb;

import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** MDBs report what they did by publishing to a results queue through the outbound factory. */
public final class Results {
    private Results() {
    }

    public static void publish(AmqpConnectionFactory cf, String queue, String body) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder(body).build(), "", queue);
        }
    }

    public static String id(Message m) {
        return m.messageId() != null ? m.messageId() : m.bodyAsString();
    }
}
