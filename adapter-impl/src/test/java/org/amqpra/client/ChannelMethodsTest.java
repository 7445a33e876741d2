package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amqpra.AbstractConsumer;
import org.amqpra.Channel;
import org.amqpra.ChannelMode;
import org.amqpra.Message;
import org.amqpra.NotFoundException;
import org.amqpra.QueueDeclareOk;
import org.amqpra.ReturnedMessage;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every channel method against the real broker, with the broker's answer checked. */
@Tag("broker")
class ChannelMethodsTest extends BrokerChannelTest {

    private static Message text(String s) {
        return Message.builder(s).build();
    }

    @Test
    void connectionReportsServerPropertiesCapabilitiesAndNegotiatedTuning() {
        assertEquals("RabbitMQ", conn.serverProperties().get("product"));
        assertEquals(Boolean.TRUE, conn.serverCapabilities().get("publisher_confirms"));
        assertEquals(131072, conn.frameMax()); // min(ours 131072, RabbitMQ's 131072)
        assertEquals(60, conn.heartbeatSeconds()); // ours 0: the broker's 60 wins
        assertTrue(conn.isConnected());
        assertTrue(conn.isAlive());
        conn.sendHeartbeat();
    }

    @Test
    void exchangeDeclarePassiveDeleteAndExchangeToExchangeBindings() {
        String src = Names.unique("src");
        String dst = Names.unique("dst");
        // not auto-delete: unbinding the last destination would delete it (amqpy's default is true)
        ch.exchangeDeclare(src, "fanout", false, false, false, false, null);
        ch.exchangeDeclare(dst, "fanout", false, false, true, false, null);
        ch.exchangeDeclare(src, "fanout", true, false, false, false, null); // passive: exists
        String q = ch.queueDeclare("", false, false, true, true, false, null).queue();
        ch.queueBind(q, dst, "");
        ch.exchangeBind(dst, src, "");
        ch.basicPublish(text("via e2e"), src, "");
        assertEquals("via e2e", getWithin(q).bodyAsString());
        ch.exchangeUnbind(dst, src, "");
        ch.basicPublish(text("not routed"), src, "");
        ch.basicPublish(text("direct"), dst, "");
        assertEquals("direct", getWithin(q).bodyAsString());
        ch.exchangeDelete(dst);
        ch.exchangeDelete(src, false, false);
        assertThrows(NotFoundException.class, () -> ch.exchangeDeclare(src, "fanout", true, false, false, false, null));
    }

    @Test
    void queueDeclareBindUnbindPurgeDelete() {
        String q = Names.unique("q");
        QueueDeclareOk ok = ch.queueDeclare(q);
        assertEquals(q, ok.queue());
        assertEquals(0, ok.messageCount());
        ch.queueBind(q, "amq.direct", "k1");
        ch.basicPublish(text("a"), "amq.direct", "k1");
        ch.basicPublish(text("b"), "", q);
        waitForCount(q, 2);
        assertEquals(2, ch.queuePurge(q));
        ch.queueUnbind(q, "amq.direct", "k1");
        ch.basicPublish(text("lost"), "amq.direct", "k1");
        ch.basicPublish(text("c"), "", q);
        waitForCount(q, 1);
        assertEquals(
                1, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
        assertEquals(1, ch.queueDelete(q));
        assertThrows(NotFoundException.class, () -> ch.queueDeclare(q, true, false, false, false, false, null));
    }

    @Test
    void serverNamedQueueAndNowaitVariants() {
        QueueDeclareOk ok = ch.queueDeclare();
        assertTrue(ok.queue().startsWith("amq.gen-"), ok.queue());
        String q = Names.unique("nowait");
        assertNull(ch.queueDeclare(q, false, false, false, true, true, null));
        ch.queueBind(q, "amq.fanout", "", true, null);
        assertEquals(-1, ch.queuePurge(q, true));
        // a synchronous call after nowait ones proves they were processed in order
        assertEquals(
                0, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
        assertEquals(-1, ch.queueDelete(q, false, false, true));
        assertThrows(NotFoundException.class, () -> ch.queueDeclare(q, true, false, false, false, false, null));
    }

    @Test
    void publishGetWithAllPropertiesAndAckNackReject() {
        String q = ch.queueDeclare().queue();
        Message sent = Message.builder("payload")
                .contentType("text/plain")
                .header("n", 1)
                .header("s", "x")
                .persistent()
                .priority(3)
                .correlationId("c")
                .replyTo("r")
                .expiration("60000")
                .messageId("m")
                .timestamp(java.time.Instant.ofEpochSecond(1_700_000_000L))
                .type("t")
                .userId("guest")
                .appId("app")
                .clusterId("cl")
                .build();
        ch.basicPublish(sent, "", q);
        Message got = getWithin(q);
        assertEquals(sent.properties(), got.properties());
        assertEquals("", got.exchange());
        assertEquals(q, got.routingKey());
        assertFalse(got.redelivered());
        got.reject(true);
        Message again = getWithin(q);
        assertTrue(again.redelivered());
        again.nack(true);
        Message third = getWithin(q);
        third.ack();
        assertNull(ch.basicGet(q));
        ch.basicPublish(text("noack"), "", q);
        waitForCount(q, 1);
        assertEquals("noack", ch.basicGet(q, true).bodyAsString());
        assertEquals(
                0, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
    }

    @Test
    void basicGetReportsMessagesLeft() {
        String q = ch.queueDeclare().queue();
        for (int i = 0; i < 3; i++) {
            ch.basicPublish(text("m" + i), "", q);
        }
        waitForCount(q, 3);
        Message m = ch.basicGet(q, true);
        assertEquals(2, m.envelope().messageCount());
    }

    @Test
    void consumeWithQosCancelAndRecover() {
        // exclusive but not auto-delete, so the queue outlives the cancelled consumer
        String q = ch.queueDeclare("", false, false, true, false, false, null).queue();
        ch.basicQos(0, 2, false);
        for (int i = 0; i < 5; i++) {
            ch.basicPublish(text("m" + i), "", q);
        }
        List<Message> got = new ArrayList<>();
        String tag = ch.basicConsume(q, got::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.size() < 2 && System.nanoTime() < deadline) {
            conn.loop(Duration.ofMillis(100));
        }
        conn.loop(Duration.ofMillis(300));
        assertEquals(2, got.size(), "prefetch 2 holds back the rest until acks");
        assertEquals(tag, got.get(0).consumerTag());
        got.get(1).ack(); // ack one: exactly one more arrives
        conn.loop(Duration.ofMillis(500));
        assertEquals(3, got.size());
        ch.basicRecover(true); // unacked m0 and m2 are requeued
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.stream().noneMatch(Message::redelivered) && System.nanoTime() < deadline) {
            conn.loop(Duration.ofMillis(100));
        }
        assertTrue(got.stream().anyMatch(Message::redelivered));
        ch.basicCancel(tag);
        ch.basicRecoverAsync(true);
        assertNotNull(ch.queueDeclare(q, true, false, false, false, false, null));
    }

    @Test
    void abstractConsumerAsInAmqpy() {
        String q = ch.queueDeclare().queue();
        List<String> seen = new ArrayList<>();
        AbstractConsumer c = new AbstractConsumer(ch, q) {
            @Override
            public void run(Message message) {
                seen.add(message.bodyAsString());
                message.ack();
            }
        };
        String tag = c.declare();
        assertEquals(tag, c.consumerTag());
        ch.basicPublish(text("hi"), "", q);
        conn.drainEvents(Duration.ofSeconds(5));
        assertEquals(List.of("hi"), seen);
        c.cancel();
        assertTrue(c.isCancelled());
    }

    @Test
    void consumerCancelNotificationWhenQueueIsDeleted() {
        String q = Names.unique("cancelled");
        ch.queueDeclare(q);
        List<String> cancelled = new ArrayList<>();
        String tag = ch.basicConsume(q, "", false, false, false, false, m -> {}, null, cancelled::add);
        try (Connection other = Broker.connect()) {
            other.channel().queueDelete(q);
        }
        conn.drainEvents(Duration.ofSeconds(5));
        assertEquals(List.of(tag), cancelled);
    }

    @Test
    void consumerCancelWithoutCallbackSurfacesFromDrainEvents() {
        String q = Names.unique("cancelled2");
        ch.queueDeclare(q);
        ch.basicConsume(q, m -> {});
        ch.queueDelete(q);
        assertThrows(org.amqpra.ConsumerCancelledException.class, () -> conn.drainEvents(Duration.ofSeconds(5)));
    }

    @Test
    void mandatoryUnroutablePublishIsReturned() throws Exception {
        ch.basicPublish(text("nowhere"), "amq.direct", Names.unique("no-binding"), true, false);
        ReturnedMessage r = ch.returnedMessages().poll(5, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals(312, r.replyCode());
        assertEquals("NO_ROUTE", r.replyText());
        assertEquals("nowhere", r.message().bodyAsString());
    }

    @Test
    void immediateAndFlowFalseAreRefusedLocallyAndTheConnectionSurvives() {
        assertThrows(UnsupportedOperationException.class, () -> ch.basicPublish(text("x"), "", "q", false, true));
        assertThrows(UnsupportedOperationException.class, () -> ch.flow(false));
        ch.flow(true);
        assertTrue(ch.isActive());
        assertTrue(conn.isConnected());
    }

    @Test
    void txCommitDeliversAndRollbackDropsPublishesAndAcks() {
        String q = ch.queueDeclare().queue();
        Channel tx = conn.channel();
        tx.txSelect();
        assertEquals(ChannelMode.TX, tx.mode());
        tx.basicPublish(text("rolled back"), "", q);
        tx.txRollback();
        tx.basicPublish(text("committed"), "", q);
        assertEquals(
                0,
                ch.queueDeclare(q, true, false, false, false, false, null).messageCount(),
                "nothing is visible before commit");
        tx.txCommit();
        Message m = getWithin(q);
        assertEquals("committed", m.bodyAsString());
        assertNull(ch.basicGet(q), "the rolled-back publish never arrives");
        // acks are transactional too
        ch.basicReject(m.deliveryTag(), true);
        Message viaTx = getWithinOn(tx, q);
        viaTx.ack();
        tx.txRollback();
        tx.close();
        assertEquals("committed", getWithin(q).bodyAsString(), "rolled-back ack leaves the message unacked");
    }

    @Test
    void channelCloseAndReopenByNumber() {
        Channel c2 = conn.channel();
        int id = c2.channelId();
        c2.close();
        assertFalse(c2.isOpen());
        assertThrows(org.amqpra.ChannelClosedException.class, () -> c2.queueDeclare());
        Channel again = conn.channel(id);
        assertEquals(id, again.channelId());
        assertNotNull(again.queueDeclare());
        assertTrue(conn.channel(id) == again, "channel(id) fetches the open channel");
    }

    private Message getWithin(String q) {
        return getWithinOn(ch, q);
    }

    static Message getWithinOn(Channel c, String q) {
        return Await.value(Duration.ofSeconds(5), "a message on " + q, () -> c.basicGet(q), m -> m != null);
    }

    private void waitForCount(String q, int n) {
        Await.until(
                Duration.ofSeconds(5),
                q + " holding " + n + " messages",
                () -> ch.queueDeclare(q, true, false, false, false, false, null).messageCount() == n);
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> none() {
        return null;
    }
}
