package org.amqpra.jca.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Channel;
import org.amqpra.ConnectionException;
import org.amqpra.Message;
import org.amqpra.MessageNackedException;
import org.amqpra.MessageReturnedException;
import org.amqpra.PublishOutcomeUnknownException;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.TcpProxy;
import org.amqpra.testsupport.TestQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Publishing outside a transaction through the Java SE pool ({@code createConnectionFactory()}):
 * confirmed by default ({@code PublisherConfirms}), fire-and-forget when switched off, and the
 * confirm calls only where they can work.
 */
@Tag("broker")
class ConfirmedPublishingTest {
    private final List<AmqpManagedConnectionFactory> factories = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private TestQueue queue;

    @BeforeEach
    void setUp() {
        queue = TestQueue.declare("confirmed");
    }

    @AfterEach
    void tearDown() {
        proxies.forEach(TcpProxy::close);
        factories.forEach(f -> f.shared().close());
        queue.close();
    }

    /** A factory reaching the broker through {@code proxy} (or directly when null). */
    private AmqpManagedConnectionFactory factory(TcpProxy proxy, Boolean confirms) throws ResourceException {
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost(proxy == null ? Broker.host() : "127.0.0.1");
        ra.setPort(proxy == null ? Broker.port() : proxy.port());
        ra.setRpcTimeoutMillis(5_000);
        AmqpManagedConnectionFactory f = new AmqpManagedConnectionFactory();
        f.setResourceAdapter(ra);
        f.setPublisherConfirms(confirms);
        factories.add(f);
        return f;
    }

    private TcpProxy proxy() throws Exception {
        TcpProxy p = TcpProxy.toBroker();
        proxies.add(p);
        return p;
    }

    @Test
    void aConfirmedPublishIsOnTheBrokerWhenItReturnsEvenIfTheConnectionDiesRightAfter() throws Exception {
        TcpProxy proxy = proxy();
        AmqpConnectionFactory cf = (AmqpConnectionFactory) factory(proxy, null).createConnectionFactory();
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("kept").persistent().build(), "", queue.name());
            proxy.close(); // the connection dies the moment the call returned
        }
        assertEquals(1, queue.depth(), "a returned confirmed publish is on the broker: no wait needed");
    }

    @Test
    void withoutConfirmsAPublishReturnsAndCanStillBeLost() throws Exception {
        // The window PublisherConfirms=false leaves open (at most once), reproduced: the publish
        // returns while its bytes cannot reach the broker, and the connection then dies.
        TcpProxy proxy = proxy();
        AmqpConnectionFactory cf = (AmqpConnectionFactory) factory(proxy, false).createConnectionFactory();
        try (AmqpConnection c = cf.getConnection()) {
            Channel ch = c.channel();
            ch.queueDeclare(queue.name(), true, false, false, false, false, null); // the connection works
            proxy.freeze();
            ch.basicPublish(Message.builder("lost").persistent().build(), "", queue.name());
            proxy.close();
        }
        assertEquals(0, queue.depth(), "the fire-and-forget publish returned normally and was lost");
    }

    @Test
    void aConnectionLostBeforeTheConfirmIsReportedAsAnUnknownOutcome() throws Exception {
        TcpProxy proxy = proxy();
        AmqpConnectionFactory cf = (AmqpConnectionFactory) factory(proxy, null).createConnectionFactory();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (AmqpConnection c = cf.getConnection()) {
            Channel ch = c.channel();
            ch.queueDeclare(queue.name(), true, false, false, false, false, null);
            proxy.freeze();
            Thread publisher = new Thread(() -> {
                try {
                    ch.basicPublish(Message.builder("unknown").build(), "", queue.name());
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            publisher.start();
            Await.until(
                    Duration.ofSeconds(5),
                    "the publisher waiting for its confirm",
                    () -> publisher.getState() == Thread.State.TIMED_WAITING);
            proxy.close();
            publisher.join(TimeUnit.SECONDS.toMillis(10));
        }
        PublishOutcomeUnknownException e = assertInstanceOf(PublishOutcomeUnknownException.class, thrown.get());
        assertInstanceOf(ConnectionException.class, e.getCause());
        assertTrue(e.getMessage().contains("may or may not"), e.getMessage());
    }

    @Test
    void aPublishTheBrokerRefusesThrowsNackedToTheCaller() throws Exception {
        String full = Names.unique("full");
        queue.channel()
                .queueDeclare(
                        full,
                        false,
                        false,
                        false,
                        true,
                        false,
                        Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        AmqpConnectionFactory cf = (AmqpConnectionFactory) factory(null, null).createConnectionFactory();
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("fits").build(), "", full);
            assertThrows(
                    MessageNackedException.class,
                    () -> c.channel().basicPublish(Message.builder("refused").build(), "", full));
            assertThrows(
                    MessageReturnedException.class,
                    () -> c.channel()
                            .basicPublish(
                                    Message.builder("unroutable").build(), "", Names.unique("none"), true, false));
            c.channel().basicPublish(Message.builder("still usable").build(), "", queue.name());
        } finally {
            queue.channel().queueDelete(full);
        }
        try (AmqpConnection next = cf.getConnection()) { // the same pooled channel, a new user
            next.channel().basicPublishAsync(Message.builder("next user").build(), "", queue.name());
            assertTrue(
                    next.channel().waitForConfirms(Duration.ofSeconds(5)),
                    "the last user's nack and return are not the next user's");
        }
        assertEquals(2, queue.depth());
    }

    @Test
    void aThousandPipelinedPublishesAreAllConfirmed() throws Exception {
        AmqpConnectionFactory cf = (AmqpConnectionFactory) factory(null, null).createConnectionFactory();
        List<CompletableFuture<Void>> confirms = new ArrayList<>();
        try (AmqpConnection c = cf.getConnection()) {
            Channel ch = c.channel();
            for (int i = 0; i < 1000; i++) {
                confirms.add(ch.basicPublishAsync(Message.builder("m" + i).build(), "", queue.name()));
            }
            assertTrue(ch.waitForConfirms(Duration.ofSeconds(10)), "every publish acked");
        }
        assertEquals(
                1000,
                confirms.stream()
                        .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                        .count());
        assertEquals(1000, queue.depth());
    }

    @Test
    void confirmCallsFailClearlyInsideATransactionAndWhenSwitchedOff() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) factory(null, null).createManagedConnection(null, null);
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        mc.getLocalTransaction().begin();
        IllegalStateException inTx = assertThrows(
                IllegalStateException.class,
                () -> h.channel().basicPublishAsync(Message.builder("x").build(), "", queue.name()));
        assertTrue(inTx.getMessage().contains("inside a transaction"), inTx.getMessage());
        assertThrows(IllegalStateException.class, () -> h.channel().waitForConfirms(Duration.ofSeconds(1)));
        h.channel().basicPublish(Message.builder("in tx").build(), "", queue.name()); // unchanged: sent on commit
        mc.getLocalTransaction().commit();
        mc.destroy();

        AmqpConnectionFactory off = (AmqpConnectionFactory) factory(null, false).createConnectionFactory();
        try (AmqpConnection c = off.getConnection()) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> c.channel().basicPublishAsync(Message.builder("x").build(), "", queue.name()));
            assertTrue(e.getMessage().contains("PublisherConfirms=false"), e.getMessage());
            c.channel().basicPublish(Message.builder("fire and forget").build(), "", queue.name());
        }
        Await.until(Duration.ofSeconds(5), "both messages in the queue", () -> queue.depth() == 2);
    }
}
