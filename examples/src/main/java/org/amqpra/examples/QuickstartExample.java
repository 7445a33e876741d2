package org.amqpra.examples;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.QueueDeclareOk;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * The README's quickstart as a program: connects, declares, publishes, gets, consumes and
 * prints. Broker from the {@code AMQP_URI} environment variable, else localhost guest/guest.
 */
public final class QuickstartExample {
    private QuickstartExample() {}

    /** Runs the quickstart against the broker. */
    public static void main(String[] args) {
        String uri = System.getenv().getOrDefault("AMQP_URI", "amqp://guest:guest@localhost:5672/%2F?heartbeat=30");
        ConnectionParameters params = ConnectionParameters.fromUri(uri);
        System.out.println("connecting: " + params);
        try (Connection conn = Connection.open(params)) {
            System.out.println("connected to " + conn.serverProperties().get("product") + " "
                    + conn.serverProperties().get("version") + ", heartbeat " + conn.heartbeatSeconds() + " s");
            Channel ch = conn.channel();
            ch.exchangeDeclare("test.exchange", "direct");
            QueueDeclareOk ok = ch.queueDeclare("test.q");
            System.out.println("declared " + ok);
            ch.queueBind("test.q", "test.exchange", "test.q");
            for (int i = 1; i <= 3; i++) {
                ch.basicPublish(
                        Message.builder("hello world " + i)
                                .contentType("text/plain")
                                .header("foo", 7)
                                .build(),
                        "test.exchange",
                        "test.q");
            }
            Message m = ch.basicGet("test.q");
            System.out.println("basic.get: '" + m.bodyAsString() + "' headers=" + m.headers());
            m.ack();
            CountDownLatch two = new CountDownLatch(2);
            String tag = ch.basicConsume("test.q", msg -> {
                System.out.println("consumed: '" + msg.bodyAsString() + "' (delivery tag " + msg.deliveryTag() + ")");
                msg.ack();
                two.countDown();
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (two.getCount() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the two remaining messages were not consumed within 10 s");
                }
                conn.drainEvents(Duration.ofSeconds(1));
            }
            ch.basicCancel(tag);
            ch.queueDelete("test.q");
            ch.exchangeDelete("test.exchange");
            System.out.println("done");
        }
    }
}
