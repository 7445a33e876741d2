package org.amqpra.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpException;
import org.amqpra.Message;
import org.amqpra.jca.inbound.AmqpActivationSpec;
import org.amqpra.jca.outbound.AmqpManagedConnectionFactory;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.DeliveryLog;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.TcpProxy;
import org.amqpra.testsupport.TestQueue;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The network to the broker freezes (a proxy stops forwarding without closing anything) for
 * longer than two heartbeats, in the middle of a stream, with the adapter's activation and its
 * pool both behind the proxy, in a Java SE container: heartbeats detect it, no call waits past
 * the RPC timeout, and once the network is back the activation and the pool move on with
 * nothing lost.
 */
@Tag("broker")
class NetworkFreezeTest {
    private static final int HEARTBEAT_SECONDS = 1;
    private static final int RPC_TIMEOUT_MILLIS = 3_000;

    private ThreadContainer container;
    private TcpProxy proxy;
    private AmqpResourceAdapter ra;
    private AmqpManagedConnectionFactory mcf;
    private TestQueue queue;

    @BeforeEach
    void setUp() throws Exception {
        container = new ThreadContainer();
        proxy = TcpProxy.toBroker();
        ra = new AmqpResourceAdapter();
        ra.setHost("127.0.0.1");
        ra.setPort(proxy.port());
        ra.setHeartbeatSeconds(HEARTBEAT_SECONDS);
        ra.setRpcTimeoutMillis(RPC_TIMEOUT_MILLIS);
        ra.setConnectTimeoutMillis(RPC_TIMEOUT_MILLIS);
        ra.start(container);
        mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        queue = TestQueue.declare("freeze");
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        mcf.closeBrokerConnections();
        ra.stop();
        queue.close();
        container.close();
    }

    @Test
    void aFrozenNetworkIsDetectedByHeartbeatsAndNothingIsLostOnceItIsBack() throws Exception {
        int n = 400;
        for (int i = 0; i < n; i++) {
            queue.channel()
                    .basicPublish(Message.builder("m" + i).messageId("m" + i).build(), "", queue.name());
        }
        DeliveryLog processed = new DeliveryLog();
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            processed.record(m);
            DeliveryLog.work(5); // a stream that lasts past the freeze
        });
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setQueue(queue.name());
        spec.setMaxConcurrency(2);
        spec.setPrefetch(10);
        spec.setReconnectInitialDelayMillis(200);
        ra.endpointActivation(endpoints, spec);
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        String out = Names.unique("freeze-out");
        queue.channel().queueDeclare(out, false, false, false, true, false, null);
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("before").build(), "", out); // the pool is up
        }
        Await.until(Duration.ofSeconds(30), "a quarter processed", () -> processed.distinct() >= n / 4);

        int acceptedBefore = proxy.accepted();
        proxy.freeze();
        long t0 = System.nanoTime();
        boolean publishFailed = false;
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("during").build(), "", out);
        } catch (AmqpException | IllegalStateException expected) {
            publishFailed = true;
        }
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(publishFailed, "a publish into the frozen network cannot be confirmed");
        assertTrue(
                waitedMillis <= RPC_TIMEOUT_MILLIS + 1_000,
                "the publisher waited " + waitedMillis + " ms, more than the RPC timeout");
        // heartbeats (1 s: dead after 2 silent intervals) make the activation give its connection up
        // and try again: a new connection reaches the proxy
        Await.until(Duration.ofSeconds(15), "the activation reconnecting", () -> proxy.accepted() > acceptedBefore);
        proxy.thaw();

        Await.until(Duration.ofSeconds(60), "every message processed", () -> processed.distinct() == n);
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("after").build(), "", out); // the pool moved on
        }
        ra.endpointDeactivation(endpoints, spec);
        int duplicates = processed.duplicates();
        System.out.printf(
                "NETWORK-FREEZE sent=%d processed=%d lost=%d duplicates=%d redelivered=%d publisher waited %d ms%n",
                n, processed.distinct(), n - processed.distinct(), duplicates, processed.redelivered(), waitedMillis);
        assertEquals(n, processed.distinct(), "none lost");
        assertTrue(duplicates <= processed.redelivered(), "duplicates only as redeliveries");
        assertEquals(
                0,
                queue.channel()
                        .queueDeclare(queue.name(), true, false, false, false, false, null)
                        .messageCount());
        Set<String> outBodies = Set.of("before", "after");
        int outDepth = (int) queue.channel()
                .queueDeclare(out, true, false, false, false, false, null)
                .messageCount();
        assertTrue(outDepth >= outBodies.size(), "the pool's publishes before and after the freeze: " + outDepth);
        queue.channel().queueDelete(out);
    }
}
