package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.amqpra.itapps.BeanManagedPublisherBean;
import org.amqpra.itapps.ConfirmedPublisherBean;
import org.amqpra.itapps.Results;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.BrokerLocator;
import org.amqpra.testsupport.Processes;
import org.amqpra.testsupport.RabbitCtl;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RAR deployed on its own in a managed WildFly 39; an application injects the default
 * factory with {@code @Resource} and publishes inside JTA transactions. Checked with a plain
 * client against the real broker.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundIT {

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(System.getProperty("amqpra.rar")));
    }

    @Deployment(name = "app", order = 2)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "outbound-it.war")
                .addClasses(
                        PublisherBean.class, BrokerProbe.class, BrokerLocator.class, RabbitCtl.class, Processes.class)
                .addClasses(Await.class)
                .addClasses(BeanManagedPublisherBean.class, ConfirmedPublisherBean.class, Results.class) // it-apps
                .addAsWebInfResource("amqpra-xa-ds.xml", "amqpra-xa-ds.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n"));
    }

    @EJB
    private PublisherBean publisher;

    @EJB
    private BeanManagedPublisherBean bmt;

    @EJB
    private ConfirmedPublisherBean confirmed;

    /**
     * The broker node stopped and started ({@code rabbitmqctl stop_app} / {@code start_app})
     * while a caller commits one persistent message per container-managed transaction: calls
     * fail while the broker is away and succeed again afterwards without a server restart, and
     * every transaction that committed is on the broker (none lost); a failed one is retried.
     */
    @Test
    @OperateOnDeployment("app")
    void transactionalPublishingResumesAfterTheBrokerIsStoppedAndStartedAndLosesNothing() throws Exception {
        String q;
        try (BrokerProbe probe = new BrokerProbe()) {
            q = probe.freshDurableQueue("stop-start");
        }
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<?> loop = caller.submit(() -> {
            while (!stop.get()) {
                try {
                    publisher.publish(q, "tx" + committed.get(), 1);
                    committed.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet(); // not committed (or outcome unknown): the caller retries
                    try {
                        TimeUnit.MILLISECONDS.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
        int beforeStop;
        int afterStart;
        try {
            Await.until(Duration.ofSeconds(60), "200 transactions committed", () -> committed.get() >= 200);
            try {
                beforeStop = committed.get();
                RabbitCtl.run("stop_app");
            } finally {
                RabbitCtl.run("start_app");
            }
            afterStart = committed.get();
            Await.until(
                    Duration.ofSeconds(120),
                    "200 more transactions committed after the restart",
                    () -> committed.get() >= afterStart + 200);
        } finally {
            stop.set(true);
            loop.get(60, TimeUnit.SECONDS);
            caller.shutdownNow();
        }
        int n = committed.get();
        try (BrokerProbe probe = new BrokerProbe()) {
            long onBroker = probe.depth(q);
            System.out.printf(
                    "STOP-START-TX committed=%d (before the stop %d, by the end of start_app %d) failed-and-retried=%d"
                            + " on the broker=%d lost=%d%n",
                    n, beforeStop, afterStart, failed.get(), onBroker, Math.max(0, n - onBroker));
            assertTrue(failed.get() > 0, "the publisher met the stopped broker");
            assertTrue(onBroker >= n, "every committed transaction's message is on the broker: " + onBroker);
            assertTrue(onBroker <= n + failed.get(), "extras only from calls whose outcome was unknown");
            probe.delete(q);
        }
    }

    /**
     * A JTA transaction timeout while the bean still works in it: the transaction manager rolls
     * the AMQP transaction back from its own thread; the bean's next publish is refused (not sent
     * outside the transaction), nothing is published, and the pool stays usable.
     */
    @Test
    @OperateOnDeployment("app")
    void aTransactionTimeoutRollsBackAndNothingLeaksOutsideIt() throws Exception {
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("timeout");
            String seen = bmt.publishAcrossATimeout(q, "timed-out");
            assertTrue(seen.contains("second=IllegalStateException"), seen);
            assertTrue(seen.contains("async=IllegalStateException"), seen);
            assertTrue(!seen.contains("commit=ok"), seen);
            bmt.publish(q, "after", 1, true);
            assertEquals(1, probe.awaitDepth(q, 1, 10));
            assertEquals("after-0", probe.get(q).messageId(), "only the later transaction's message: " + seen);
            assertEquals(0, probe.depth(q));
            probe.delete(q);
        }
    }

    /**
     * Outside a transaction a publish returns once the broker confirmed it: every message whose
     * call returned is on the broker even when every connection is killed the moment the call
     * returns; a nack and a return reach the caller as typed errors; pipelined confirms work;
     * inside a transaction they are refused with a clear message.
     */
    @Test
    @OperateOnDeployment("app")
    void publishingOutsideATransactionIsConfirmedAndRefusalsReachTheCaller() throws Exception {
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("confirmed");
            assertEquals("ok", confirmed.publish(q, "confirmed", 200));
            assertTrue(
                    RabbitCtl.closeConnectionsNamed(
                                    "amqp-ra:AmqpDefaultConnectionFactory#",
                                    "amqp-ra IT: killed right after the publishes returned")
                            > 0,
                    "the pool's broker connection closed");
            assertEquals(200, probe.depth(q), "every confirmed publish is on the broker, at once");

            String full = probe.freshQueue("full", Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
            assertEquals("org.amqpra.MessageNackedException", confirmed.publish(full, "full", 2));
            assertEquals(1, probe.depth(full));

            String bulk = probe.freshQueue("pipelined");
            assertEquals(1000, confirmed.publishPipelined(bulk, "bulk", 1000));
            assertEquals(1000, probe.depth(bulk));

            String refused = confirmed.publishPipelinedInsideATransaction(bulk);
            assertTrue(refused.contains("inside a transaction"), refused);
            for (String each : List.of(q, full, bulk)) {
                probe.delete(each);
            }
        }
    }

    @Test
    @OperateOnDeployment("app")
    void containerManagedCommitPublishesAndRollbackDoesNot() throws Exception {
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("cmt");
            publisher.publish(q, "committed", 1);
            assertEquals(1, probe.awaitDepth(q, 1, 10));
            assertEquals("committed-0", probe.get(q).bodyAsString());

            publisher.publishThenSetRollbackOnly(q, "rolled-back");
            assertThrows(EJBException.class, () -> publisher.publishThenThrow(q, "thrown"));
            TimeUnit.MILLISECONDS.sleep(500); // quiet period: shows nothing is published
            assertEquals(0, probe.depth(q), "setRollbackOnly and a system exception both drop the publish");

            publisher.publish(q, "many", 500);
            assertEquals(500, probe.awaitDepth(q, 500, 20), "500 messages in one transaction");
            probe.delete(q);
        }
    }

    @Test
    @OperateOnDeployment("app")
    void beanManagedUserTransaction() throws Exception {
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("bmt");
            bmt.publish(q, "rb", 10, false);
            TimeUnit.MILLISECONDS.sleep(300); // quiet period: shows nothing is published
            assertEquals(0, probe.depth(q));
            bmt.publish(q, "ok", 10, true);
            assertEquals(10, probe.awaitDepth(q, 10, 10));
            bmt.publishWithoutTransaction(q, "auto");
            assertEquals(11, probe.awaitDepth(q, 11, 10), "outside a transaction a publish is sent at once");
            bmt.publishOnHandleTakenBeforeBegin(q, "early-rb", 5, false);
            TimeUnit.MILLISECONDS.sleep(300); // quiet period: shows nothing is published
            assertEquals(11, probe.depth(q), "a handle taken before begin() joins the transaction it is used in");
            bmt.publishOnHandleTakenBeforeBegin(q, "early-ok", 5, true);
            assertEquals(16, probe.awaitDepth(q, 16, 10));
            probe.delete(q);
        }
    }

    @Test
    @OperateOnDeployment("app")
    void xaDatasourceRowAndMessageCommitOrRollBackTogether() throws Exception {
        publisher.createTable();
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("xa");
            publisher.insertAndPublish(q, "order-1", false);
            assertEquals(1, publisher.countRows("order-1"));
            assertEquals(1, probe.awaitDepth(q, 1, 10));
            publisher.insertAndPublish(q, "order-2", true);
            assertEquals(0, publisher.countRows("order-2"));
            TimeUnit.MILLISECONDS.sleep(300); // quiet period: shows nothing is published
            assertEquals(1, probe.depth(q), "the rolled-back order published nothing");
            probe.delete(q);
        }
    }

    @Test
    @OperateOnDeployment("app")
    void publishToMissingExchangeFailsTheTransactionAndLeavesThePoolHealthy() throws Exception {
        EJBException e = assertThrows(
                EJBException.class,
                () -> publisher.publishToMissingExchange("amqpra-it.no-such-exchange." + System.nanoTime()));
        String chain = chain(e);
        assertTrue(chain.contains("NOT_FOUND") || chain.contains("404"), chain);
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("after-error");
            for (int i = 0; i < 20; i++) {
                publisher.publish(q, "after", 1);
            }
            assertEquals(20, probe.awaitDepth(q, 20, 10));
            probe.delete(q);
        }
    }

    @Test
    @OperateOnDeployment("app")
    void fiftyConcurrentCallersOnAPoolOfTenAndRecoveryAfterTheBrokerDropsEveryConnection() throws Exception {
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("pool");
            ExecutorService callers = Executors.newFixedThreadPool(50);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    fs.add(callers.submit(() -> publisher.publish(q, "concurrent", 4)));
                }
                for (Future<?> f : fs) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            assertEquals(200, probe.awaitDepth(q, 200, 20));
            probe.delete(q);
        }
        RabbitCtl.run("close_all_connections", "amqp-ra integration test");
        TimeUnit.SECONDS.sleep(1); // the pool meets the closed connections on first use, not at once
        try (BrokerProbe probe = new BrokerProbe()) {
            String q = probe.freshQueue("after-close-all");
            for (int i = 0; i < 20; i++) {
                publisher.publish(q, "recovered", 1);
            }
            assertEquals(20, probe.awaitDepth(q, 20, 10), "the pool dropped the dead connections");
            probe.delete(q);
        }
    }

    /** Every message in the cause chain, suppressed exceptions (and their causes) included. */
    private static String chain(Throwable t) {
        assertNotNull(t);
        StringBuilder sb = new StringBuilder();
        appendChain(t, sb, 0);
        return sb.toString();
    }

    private static void appendChain(Throwable t, StringBuilder sb, int depth) {
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            sb.append(c.getClass().getName())
                    .append(": ")
                    .append(c.getMessage())
                    .append(" | ");
            for (Throwable s : c.getSuppressed()) {
                appendChain(s, sb, depth + 1);
            }
        }
    }
}
