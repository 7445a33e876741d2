package org.amqpra.qpid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.testsupport.EmbeddedQpid;
import org.amqpra.testsupport.Names;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client on Apache Qpid Broker-J (embedded, in memory, in a JVM of its own): signing on with
 * the default login (the broker has no AMQPLAIN: the client falls back to PLAIN), publish and
 * get, consume, transactions, publisher confirms.
 */
@Tag("broker")
@Tag("qpid")
class QpidClientTest {
    private static EmbeddedQpid qpid;

    @BeforeAll
    static void startQpid() throws Exception {
        qpid = EmbeddedQpid.startForTests("qpid-work");
    }

    @AfterAll
    static void stopQpid() {
        if (qpid != null) {
            qpid.close();
        }
    }

    private static Connection connect() {
        return Connection.open(ConnectionParameters.fromUri(qpid.uri()));
    }

    @Test
    void theDefaultLoginSignsOnWithPlainAndMessagesRoundTrip() {
        try (Connection c = connect()) {
            assertEquals(
                    "Apache Qpid Broker-J Core",
                    String.valueOf(c.serverProperties().get("product")),
                    "the broker");
            Channel ch = c.channel();
            String q = Names.unique("qpid");
            ch.queueDeclare(q, false, false, false, false, false, null);
            ch.basicPublish(
                    Message.builder("hello").messageId("m1").header("n", 7).build(), "", q);
            Message m = ch.basicGet(q, true);
            assertNotNull(m);
            assertEquals("hello", m.bodyAsString());
            assertEquals("m1", m.messageId());
            assertEquals(7, ((Number) m.headers().get("n")).intValue());
            assertNull(ch.basicGet(q, true));
            ch.queueDelete(q);
        }
    }

    @Test
    void consumeTransactionsAndConfirms() {
        try (Connection c = connect()) {
            Channel ch = c.channel();
            String q = Names.unique("qpid-tx");
            ch.queueDeclare(q, false, false, false, false, false, null);

            Channel tx = c.channel();
            tx.txSelect();
            for (int i = 0; i < 10; i++) {
                tx.basicPublish(Message.builder("rolled back " + i).build(), "", q);
            }
            tx.txRollback();
            for (int i = 0; i < 10; i++) {
                tx.basicPublish(Message.builder("committed " + i).build(), "", q);
            }
            tx.txCommit();

            Channel confirms = c.channel();
            confirms.confirmSelect();
            for (int i = 0; i < 100; i++) {
                confirms.basicPublishAsync(Message.builder("confirmed " + i).build(), "", q, false);
            }
            assertTrue(confirms.waitForConfirms(Duration.ofSeconds(10)), "every publish confirmed");

            List<String> got = new ArrayList<>();
            ch.basicConsume(q, m -> {
                got.add(m.bodyAsString());
                m.ack();
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.size() < 110 && System.nanoTime() < deadline) {
                c.drainEvents(Duration.ofMillis(100));
            }
            assertEquals(110, got.size(), "the 10 committed and the 100 confirmed, none rolled back");
            assertTrue(got.stream().noneMatch(b -> b.startsWith("rolled back")));
            ch.queueDelete(q);
        }
    }
}
