package org.amqpra.client;

import org.amqpra.Envelope;
import org.amqpra.Message;
import org.amqpra.MessageAcknowledger;
import org.amqpra.QueueDeclareOk;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Command;

/** The broker's replies read into the API's values, each argument by its name in the method table. */
final class Replies {
    private Replies() {}

    /** queue.declare-ok; null for a nowait declare, which has no reply. */
    static QueueDeclareOk queueDeclareOk(Command c) {
        if (c == null) {
            return null;
        }
        AmqpMethod m = c.method();
        return new QueueDeclareOk(m.str("queue"), m.num("message-count"), m.num("consumer-count"));
    }

    /** The message-count of queue.purge-ok or queue.delete-ok; -1 for nowait, which has no reply. */
    static long messageCount(Command c) {
        return c == null ? -1 : c.method().num("message-count");
    }

    /** basic.get-ok with its content as a message ({@code acknowledger} null for no-ack). */
    static Message getOk(Command c, MessageAcknowledger acknowledger) {
        AmqpMethod m = c.method();
        Envelope env = new Envelope(
                m.num("delivery-tag"),
                m.bit("redelivered"),
                m.str("exchange"),
                m.str("routing-key"),
                null,
                m.num("message-count"));
        return Message.received(c.body(), c.header().properties(), env, acknowledger);
    }
}
