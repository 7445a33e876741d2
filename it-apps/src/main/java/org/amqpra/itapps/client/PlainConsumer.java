package org.amqpra.itapps.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * The reference the MDB delivery rate is compared with: a plain consumer in the tests' JVM doing
 * the counting MDB's work (publish a report {@code id|redelivered} to {@code queue.done} and ack,
 * one AMQP transaction per message), on its own connection.
 */
public final class PlainConsumer {
    private PlainConsumer() {}

    /**
     * Consumes {@code n} messages already on {@code queue} and returns the seconds it took;
     * fails when they are not all consumed within two minutes.
     */
    public static double consume(String brokerUri, String queue, int n) {
        try (Connection consumer = Connection.open(ConnectionParameters.fromUri(brokerUri))) {
            Channel cc = consumer.channel();
            cc.txSelect();
            cc.basicQos(0, 50, false);
            int[] got = {0};
            long t0 = System.nanoTime();
            cc.basicConsume(queue, m -> {
                cc.basicPublish(
                        Message.builder(m.messageId() + "|" + m.redelivered()).build(), "", queue + ".done");
                m.ack();
                cc.txCommit();
                got[0]++;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (got[0] < n && System.nanoTime() < deadline) {
                consumer.loop(Duration.ofMillis(200));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (got[0] != n) {
                throw new AssertionError("the plain consumer got " + got[0] + " of " + n + " messages in 120 s");
            }
            return seconds;
        }
    }
}
