package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.Channel;
import org.amqpra.ConnectionLostException;
import org.amqpra.Message;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.RabbitCtl;
import org.amqpra.testsupport.TcpProxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Heartbeat death detection through a silent proxy, and connection.blocked/unblocked for real. */
@Tag("broker")
class HeartbeatAndBlockingTest {

    @Test
    void silentPeerIsDeclaredDeadAfterTwoHeartbeatIntervalsWithoutDrainEvents() throws Exception {
        try (TcpProxy proxy = TcpProxy.toBroker()) {
            Connection conn = Connection.open(Broker.params()
                    .host("127.0.0.1")
                    .port(proxy.port())
                    .heartbeat(Duration.ofSeconds(1))
                    .build());
            assertEquals(1, conn.heartbeatSeconds());
            Channel ch = conn.channel();
            ch.queueDeclare();
            Thread.sleep(2500); // a quiet period of over two intervals: heartbeats keep an idle connection alive
            assertTrue(conn.isAlive(), "idle but heartbeating connection stays alive");
            long frozenAt = System.nanoTime();
            proxy.freeze();
            Await.until(Duration.ofSeconds(6), "the frozen peer declared dead", () -> !conn.isConnected());
            long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            assertFalse(conn.isConnected(), "dead peer not detected within 6 s");
            assertTrue(detectedMs >= 1000, "declared dead too early: " + detectedMs + " ms");
            assertInstanceOf(ConnectionLostException.class, conn.closeCause());
            assertTrue(
                    conn.closeCause().getMessage().contains("missed heartbeats"),
                    conn.closeCause().getMessage());
            AmqpException e = assertThrows(AmqpException.class, ch::queueDeclare);
            assertInstanceOf(ConnectionLostException.class, e);
        }
    }

    @Test
    void blockedAndUnblockedCallbacksFireAndPublishesWaitWithATimeout() throws Exception {
        assertTrue(Broker.isLocal(), "this test drives the local broker with rabbitmqctl");
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch unblocked = new CountDownLatch(1);
        try (Connection conn = Connection.open(Broker.params()
                .writeTimeout(Duration.ofSeconds(2))
                .onBlocked(reason -> {
                    events.add("blocked:" + reason);
                    blocked.countDown();
                })
                .onUnblocked(() -> {
                    events.add("unblocked");
                    unblocked.countDown();
                })
                .build())) {
            Channel ch = conn.channel();
            String q = ch.queueDeclare().queue();
            try {
                RabbitCtl.run("set_vm_memory_high_watermark", "0.0000001");
                // RabbitMQ blocks a connection when it next publishes
                ch.basicPublish(Message.builder("trigger").build(), "", q);
                assertTrue(blocked.await(20, TimeUnit.SECONDS), "no connection.blocked");
                assertTrue(conn.isBlocked());
                assertThrows(
                        AmqpTimeoutException.class,
                        () -> ch.basicPublish(Message.builder("x").build(), "", q),
                        "a publish on a blocked connection waits at most the write timeout");
            } finally {
                RabbitCtl.run("set_vm_memory_high_watermark", "0.4");
            }
            assertTrue(unblocked.await(20, TimeUnit.SECONDS), "no connection.unblocked");
            assertFalse(conn.isBlocked());
            ch.basicPublish(Message.builder("after").build(), "", q);
            assertTrue(events.get(0).startsWith("blocked:"), events.toString());
            assertEquals("unblocked", events.get(1));
        }
    }
}
