package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.amqpra.Message;
import org.amqpra.it.mdb.DurableMdb;
import org.amqpra.it.mdb.ReplyMdb;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.ConcurrencyMdb;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.FlakyMdb;
import org.amqpra.itapps.Results;
import org.amqpra.itapps.SlowMdb;
import org.amqpra.itapps.client.UndeployCheck;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.RabbitCtl;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message-driven beans on the RAR in a managed WildFly, against the real broker. The MDBs report
 * what they processed by publishing through the outbound factory; the test reads those reports
 * with a plain client, so every check is on what reached the broker.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InboundIT {
    private static final String MANIFEST = "Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(System.getProperty("amqpra.rar")));
    }

    @Deployment(name = "mdbs", order = 2, testable = false)
    static JavaArchive mdbs() {
        return ShrinkWrap.create(JavaArchive.class, "inbound-mdbs.jar")
                .addClasses(ReplyMdb.class, DurableMdb.class)
                .addClasses(
                        CountingMdb.class,
                        ConcurrencyMdb.class,
                        FlakyMdb.class,
                        AuditBean.class,
                        Results.class) // it-apps
                .addAsManifestResource("inbound-jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset(MANIFEST));
    }

    @Deployment(name = "undeploy", managed = false, testable = false)
    static JavaArchive undeployable() {
        return ShrinkWrap.create(JavaArchive.class, "undeploy-mdb.jar")
                .addClasses(SlowMdb.class, Results.class)
                .addAsManifestResource("undeploy-jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset(MANIFEST));
    }

    private static String run() {
        return Long.toString(System.nanoTime(), 36);
    }

    private static Set<String> mine(List<String> results, String prefix) {
        return results.stream().filter(r -> r.startsWith(prefix)).collect(Collectors.toSet());
    }

    /**
     * 10,000 messages through a transacted MDB (after 2,000 more), each processed exactly once.
     * Its speed next to a plain consumer is the adapter cost benchmark's ({@code AdapterCostIT}).
     */
    @Test
    void tenThousandMessagesEachProcessedExactlyOnce() throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(CountingMdb.DONE);
            mdbRun(c, "warm-" + run() + "-", 2_000);
            mdbRun(c, "count-" + run() + "-", 10_000);
        }
    }

    /**
     * Publishes {@code n} messages to the counting MDB, waits until the last report is on the
     * queue (its depth, polled: fetching them one basic.get at a time made the collector the
     * bottleneck on a busy machine), then fetches and checks them.
     */
    private static void mdbRun(BrokerClient c, String run, int n) throws Exception {
        long before = c.depth(CountingMdb.DONE);
        for (int i = 0; i < n; i++) {
            c.publish(CountingMdb.QUEUE, run + i, "m" + i, false);
        }
        Await.until(Duration.ofSeconds(180), "all reports", () -> c.depth(CountingMdb.DONE) >= before + n);
        List<String> results = c.collect(
                CountingMdb.DONE,
                new ArrayList<>(),
                r -> r.stream().filter(x -> x.startsWith(run)).count() >= n,
                180);
        List<String> ours = results.stream().filter(r -> r.startsWith(run)).collect(Collectors.toList());
        Set<String> ids = ours.stream().map(r -> r.substring(0, r.indexOf('|'))).collect(Collectors.toSet());
        assertEquals(n, ids.size(), "every message processed");
        assertEquals(n, ours.size(), "none processed twice");
        assertTrue(ours.stream().allMatch(r -> r.endsWith("|false")), "nothing was redelivered");
    }

    @Test
    void peakConcurrencyEqualsMaxConcurrencyAndNeverExceedsIt() throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(ConcurrencyMdb.DONE);
            String run = "conc-" + run() + "-";
            for (int i = 0; i < 60; i++) {
                c.publish(ConcurrencyMdb.QUEUE, run + i, "m", false);
            }
            List<String> results = c.collect(
                    ConcurrencyMdb.DONE, new ArrayList<>(), r -> mine(r, run).size() >= 60, 60);
            Set<String> ours = mine(results, run);
            assertEquals(60, ours.size());
            int peak = ours.stream()
                    .mapToInt(r -> Integer.parseInt(r.substring(r.lastIndexOf('|') + 1)))
                    .max()
                    .orElse(0);
            assertEquals(3, peak, "observed peak of simultaneous onMessage calls");
        }
    }

    @Test
    void failedDeliveryIsRedeliveredAndAPoisonMessageIsDeadLetteredWhileOthersFlow() throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(FlakyMdb.DONE);
            c.resetQueue(FlakyMdb.DLQ);
            String run = run();
            c.publish(FlakyMdb.QUEUE, null, "poison-" + run, false);
            for (int i = 0; i < 5; i++) {
                c.publish(FlakyMdb.QUEUE, null, "fail-once-" + run + "-" + i, false);
                c.publish(FlakyMdb.QUEUE, null, "fine-" + run + "-" + i, false);
            }
            List<String> results = c.collect(
                    FlakyMdb.DONE,
                    new ArrayList<>(),
                    r -> r.stream()
                                            .filter(x -> x.startsWith("ok|") && x.contains(run))
                                            .count()
                                    >= 10
                            && r.stream()
                                            .filter(x -> x.startsWith("attempt|poison-" + run))
                                            .count()
                                    >= 3,
                    60);
            for (int i = 0; i < 5; i++) {
                assertTrue(results.contains("attempt|fail-once-" + run + "-" + i + "|false"), results.toString());
                assertTrue(
                        results.contains("ok|fail-once-" + run + "-" + i + "|true"),
                        "second delivery carries redelivered=true: " + results);
                assertTrue(results.contains("ok|fine-" + run + "-" + i + "|false"), results.toString());
            }
            List<Message> dead = new ArrayList<>();
            Await.until(Duration.ofSeconds(20), "the poison message dead-lettered", () -> {
                dead.addAll(c.drain(FlakyMdb.DLQ));
                return !dead.isEmpty();
            });
            assertEquals(1, dead.size(), "the poison message is in the dead-letter queue");
            assertEquals("poison-" + run, dead.get(0).bodyAsString());
            assertEquals(3, dead.get(0).header("x-amqpra-failed-deliveries"));
            assertEquals(FlakyMdb.QUEUE, dead.get(0).header("x-amqpra-original-queue"));
            TimeUnit.MILLISECONDS.sleep(500); // quiet period: a late extra (a duplicate) would arrive now
            results.addAll(
                    c.drain(FlakyMdb.DONE).stream().map(Message::bodyAsString).collect(Collectors.toList()));
            assertEquals(
                    3,
                    results.stream()
                            .filter(x -> x.startsWith("attempt|poison-" + run))
                            .count(),
                    "1 + maxRedeliveries (2) attempts, then no more");
        }
    }

    @Test
    void transactedMdbReplyRollsBackWithItsTransactionAndCommitsExactlyOnce() throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(ReplyMdb.REPLIES);
            String run = run();
            c.publish(ReplyMdb.QUEUE, null, "rollback-first-" + run, false);
            c.publish(ReplyMdb.QUEUE, null, "commit-" + run, false);
            List<String> replies = c.collect(
                    ReplyMdb.REPLIES,
                    new ArrayList<>(),
                    r -> r.stream().filter(x -> x.contains(run)).count() >= 2,
                    60);
            TimeUnit.MILLISECONDS.sleep(1000); // quiet period: a late extra (a duplicate) would arrive now
            replies.addAll(c.drain(ReplyMdb.REPLIES).stream()
                    .map(Message::bodyAsString)
                    .collect(Collectors.toList()));
            List<String> ours = replies.stream().filter(x -> x.contains(run)).collect(Collectors.toList());
            assertEquals(
                    List.of("reply|rollback-first-" + run + "|true"),
                    ours.stream().filter(x -> x.contains("rollback-first")).collect(Collectors.toList()),
                    "the rolled-back reply never reached the broker; the input came back redelivered");
            assertEquals(
                    List.of("reply|commit-" + run + "|false"),
                    ours.stream().filter(x -> x.contains("|commit-")).collect(Collectors.toList()),
                    "exactly one reply for the committed delivery");
            assertEquals(0, c.depth(ReplyMdb.QUEUE), "both inputs are gone");
        }
    }

    @Test
    void aRequiresNewPublishInsideTheMdbCommitsOnItsOwnWhileTheReplyRollsBack() throws Exception {
        // The MDB's own publishes ride on the delivery's channel and transaction; a publish
        // from a REQUIRES_NEW bean it calls runs in another transaction and must not.
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(ReplyMdb.REPLIES);
            c.resetQueue(ReplyMdb.AUDITS);
            String run = run();
            c.publish(ReplyMdb.QUEUE, null, "rollback-first-audit-" + run, false);
            List<String> audits = c.collect(
                    ReplyMdb.AUDITS,
                    new ArrayList<>(),
                    r -> r.stream().filter(x -> x.contains(run)).count() >= 2,
                    60);
            List<String> replies = c.collect(
                    ReplyMdb.REPLIES,
                    new ArrayList<>(),
                    r -> r.stream().filter(x -> x.contains(run)).count() >= 1,
                    60);
            TimeUnit.MILLISECONDS.sleep(1000); // quiet period: a late extra (a duplicate) would arrive now
            audits.addAll(
                    c.drain(ReplyMdb.AUDITS).stream().map(Message::bodyAsString).collect(Collectors.toList()));
            replies.addAll(c.drain(ReplyMdb.REPLIES).stream()
                    .map(Message::bodyAsString)
                    .collect(Collectors.toList()));
            assertEquals(
                    List.of(
                            "audit|rollback-first-audit-" + run + "|false",
                            "audit|rollback-first-audit-" + run + "|true"),
                    audits.stream().filter(x -> x.contains(run)).collect(Collectors.toList()),
                    "each attempt's audit committed in its own transaction");
            assertEquals(
                    List.of("reply|rollback-first-audit-" + run + "|true"),
                    replies.stream().filter(x -> x.contains(run)).collect(Collectors.toList()),
                    "only the committed attempt's reply");
            assertEquals(0, c.depth(ReplyMdb.QUEUE), "the input is gone");
        }
    }

    @Test
    void forcedConnectionCloseInTheMiddleOfTenThousandPersistentMessagesLosesNothing() throws Exception {
        // every broker connection goes: the MDB's consumers, the outbound pool, our own
        interruptTenThousandPersistentMessages(
                "FORCED-CLOSE", 0, () -> RabbitCtl.run("close_all_connections", "amqp-ra forced-close test"));
    }

    /**
     * The broker node stopped ({@code rabbitmqctl stop_app}) and started again in the middle of
     * 10,000 persistent messages: the activation reconnects on its own (no server restart) and
     * every message is processed, duplicates only as redeliveries.
     */
    @Test
    void brokerStoppedAndStartedInTheMiddleOfTenThousandPersistentMessagesLosesNothing() throws Exception {
        // A delivery whose tx.commit is in flight when the broker stops can have its ack applied
        // and its reply lost: RabbitMQ's transactions are not atomic across queues (its "Broker
        // Semantics" page). The message was processed (its attempt record, committed on its own,
        // shows it); at most one reply per delivery slot (4) can go that way per stop.
        interruptTenThousandPersistentMessages("STOP-START", 4, () -> {
            try {
                RabbitCtl.run("stop_app");
            } finally {
                RabbitCtl.run("start_app");
            }
        });
    }

    /**
     * A memory alarm in the middle of 10,000 persistent messages: the broker blocks the
     * connections that publish, so the MDB's transacted reports wait (the blocked wait is bounded
     * by the RPC timeout, 30 s, past which the delivery fails and is redelivered); when the alarm
     * clears they resume: every message processed, none lost, no slot or pool connection wedged.
     */
    @Test
    void aMemoryAlarmInTheMiddleOfTenThousandPersistentMessagesBlocksThenResumesAndLosesNothing() throws Exception {
        interruptTenThousandPersistentMessages("MEMORY-ALARM", 0, () -> {
            String watermark = RabbitCtl.run("eval", "vm_memory_monitor:get_vm_memory_high_watermark().")
                    .trim();
            try {
                RabbitCtl.run("set_vm_memory_high_watermark", "0.0000001");
                Await.until(
                        Duration.ofSeconds(30),
                        "a publishing connection blocked by the alarm",
                        () -> RabbitCtl.run("list_connections", "-q", "--no-table-headers", "state")
                                .contains("blocked"));
                // the alarm then lasts 2 s more: deliveries in flight wait, none may be lost
                TimeUnit.SECONDS.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                RabbitCtl.run("set_vm_memory_high_watermark", watermark);
            }
        });
    }

    /**
     * Publishes 10,000 persistent messages for {@link DurableMdb}, runs {@code interruption} once
     * a quarter of them is processed, then checks that every one was processed and that every
     * duplicate is a redelivery; prints the counts under {@code label}.
     */
    private void interruptTenThousandPersistentMessages(String label, int repliesMayBeLost, Runnable interruption)
            throws Exception {
        int n = 10_000;
        String run = "durable-" + run() + "-";
        List<String> results = new ArrayList<>();
        List<String> attempts = new ArrayList<>();
        try (BrokerClient c = new BrokerClient()) {
            c.resetDurableQueue(DurableMdb.DONE);
            c.resetDurableQueue(DurableMdb.ATTEMPTS);
            for (int i = 0; i < n; i++) {
                c.publish(DurableMdb.QUEUE, run + i, "m" + i, true);
            }
            c.collect(DurableMdb.DONE, results, r -> idsOf(r, run).size() >= n / 4, 120);
        }
        int before = idsOf(results, run).size();
        assertTrue(before >= n / 4 && before < n, "the interruption must happen mid-stream: " + before);
        interruption.run();
        try (BrokerClient c = new BrokerClient()) {
            c.collect(DurableMdb.DONE, results, r -> idsOf(r, run).size() >= n - repliesMayBeLost, 240);
            c.collect(DurableMdb.ATTEMPTS, attempts, r -> attemptIds(r, run).size() >= n, 60);
            TimeUnit.SECONDS.sleep(1); // quiet period: a late extra (a duplicate) would arrive now
            results.addAll(
                    c.drain(DurableMdb.DONE).stream().map(Message::bodyAsString).collect(Collectors.toList()));
            attempts.addAll(c.drain(DurableMdb.ATTEMPTS).stream()
                    .map(Message::bodyAsString)
                    .collect(Collectors.toList()));
            assertEquals(0, c.depth(DurableMdb.QUEUE), "the input queue is drained");
        }
        assertEquals(n, attemptIds(attempts, run).size(), "every message processed: none lost");
        int repliesLost = n - idsOf(results, run).size();
        assertTrue(
                repliesLost <= repliesMayBeLost,
                repliesLost + " replies lost; at most " + repliesMayBeLost + " may be in this case");
        Reports reports = new Reports(results, id -> id.startsWith(run));
        System.out.printf(
                "%s sent=%d processed=%d before the interruption=%d lost=0 replies lost=%d duplicate replies"
                        + " (redeliveries)=%d%n",
                label, n, attemptIds(attempts, run).size(), before, repliesLost, reports.duplicates());
    }

    private static Set<String> attemptIds(List<String> attempts, String run) {
        return attempts.stream().filter(a -> a.startsWith(run)).collect(Collectors.toSet());
    }

    private static Set<String> idsOf(List<String> results, String run) {
        Set<String> ids = new HashSet<>();
        for (String r : results) {
            if (r.startsWith(run)) {
                ids.add(r.substring(0, r.indexOf('|')));
            }
        }
        return ids;
    }

    @Test
    void undeployingWhileMessagesFlowLosesNothing() throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(SlowMdb.DONE);
            c.channel().queueDeclare(SlowMdb.QUEUE, false, true, false, false, false, null);
            c.channel().queuePurge(SlowMdb.QUEUE);
            String run = "undeploy-" + run() + "-";
            int n = 3000;
            for (int i = 0; i < n; i++) {
                c.publish(SlowMdb.QUEUE, run + i, "m" + i, true);
            }
            deployer.deploy("undeploy");
            List<String> done =
                    c.collect(SlowMdb.DONE, new ArrayList<>(), r -> mine(r, run).size() >= 300, 60);
            deployer.undeploy("undeploy");
            TimeUnit.MILLISECONDS.sleep(500); // quiet period: a late extra (a duplicate) would arrive now
            done.addAll(
                    c.drain(SlowMdb.DONE).stream().map(Message::bodyAsString).collect(Collectors.toList()));
            Set<String> processed = mine(done, run);
            Set<String> remaining = c.drain(SlowMdb.QUEUE).stream()
                    .map(Message::messageId)
                    .filter(id -> id.startsWith(run))
                    .collect(Collectors.toSet());
            UndeployCheck.assertNothingLost(processed, remaining, n, 300);
        }
    }
}
