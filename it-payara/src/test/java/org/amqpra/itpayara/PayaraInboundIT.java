package org.amqpra.itpayara;

import static org.amqpra.itpayara.PayaraDomain.OUT;
import static org.amqpra.itpayara.PayaraDomain.get;
import static org.amqpra.itpayara.TestBroker.drain;
import static org.amqpra.itpayara.TestBroker.idsOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.itapps.ConcurrencyMdb;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.FlakyMdb;
import org.amqpra.itapps.Results;
import org.amqpra.itapps.SlowMdb;
import org.amqpra.itapps.client.UndeployCheck;
import org.amqpra.itpayara.app.ReportingMdb;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.RabbitCtl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message-driven beans bound to the adapter in Payara (by {@code glassfish-ejb-jar.xml}):
 * transacted and non-transacted delivery, redelivery and dead-lettering, peak concurrency,
 * broker connections closed by force, undeploy while messages flow. Against the real broker
 * (the delivery rate: {@code PayaraAdapterCostIT}).
 */
@ExtendWith(PayaraDomain.class)
class PayaraInboundIT {
    @Test
    void theMdbProcessesEachMessageOnceAndAFailedDeliveryIsRedeliveredNotLost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 200;
        for (int i = 0; i < n; i++) {
            ch().basicPublish(
                            Message.builder("m").messageId("m-" + run + "-" + i).build(), "", ReportingMdb.QUEUE);
        }
        for (int i = 0; i < 3; i++) {
            ch().basicPublish(
                            Message.builder("f")
                                    .messageId("fail-once-" + run + "-" + i)
                                    .build(),
                            "",
                            ReportingMdb.QUEUE);
        }
        List<String> reports = new ArrayList<>();
        collect(reports, run, n + 3, 90);
        TimeUnit.MILLISECONDS.sleep(500); // quiet period: a late extra (a duplicate) would arrive now
        for (Message m : drain(ReportingMdb.DONE)) {
            reports.add(m.bodyAsString());
        }
        List<String> mine = reports.stream().filter(r -> r.contains(run)).toList();
        assertEquals(n + 3, mine.size(), "one report per message, none from a rolled-back attempt: " + mine);
        for (int i = 0; i < n; i++) {
            assertTrue(mine.contains("done|m-" + run + "-" + i + "|false"), "m-" + i + " in " + mine);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(
                    mine.contains("done|fail-once-" + run + "-" + i + "|true"),
                    "fail-once-" + i + " processed on redelivery: " + mine);
        }
        assertEquals(
                0,
                ch().queueDeclare(ReportingMdb.QUEUE, true, false, false, false, false, null)
                        .messageCount());
        List<String> audits = drain(ReportingMdb.AUDITS).stream()
                .map(Message::bodyAsString)
                .filter(a -> a.contains(run))
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "audit|fail-once-" + run + "-0",
                        "audit|fail-once-" + run + "-1",
                        "audit|fail-once-" + run + "-2"),
                audits,
                "a REQUIRES_NEW publish commits though the delivery rolls back");
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterItsRedeliveriesWhileOthersFlow() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ch().basicPublish(
                        Message.builder("p").messageId("poison-" + run).build(),
                        "",
                        FlakyMdb.QUEUE); // id: the message id
        for (int i = 0; i < 5; i++) {
            ch().basicPublish(
                            Message.builder("g")
                                    .messageId("good-" + run + "-" + i)
                                    .build(),
                            "",
                            FlakyMdb.QUEUE);
        }
        List<Message> dead = new ArrayList<>();
        Await.until(Duration.ofSeconds(60), "the poison message dead-lettered", () -> {
            dead.addAll(drain(FlakyMdb.DLQ));
            return !dead.isEmpty();
        });
        TimeUnit.MILLISECONDS.sleep(500); // quiet period: a late extra (a duplicate) would arrive now
        List<String> reports = new ArrayList<>();
        for (Message m : drain(FlakyMdb.DONE)) {
            reports.add(m.bodyAsString());
        }
        assertEquals(1, dead.size(), "the poison message is in the dead-letter queue");
        assertEquals("poison-" + run, dead.get(0).messageId());
        assertEquals(3, dead.get(0).header("x-amqpra-failed-deliveries"));
        assertEquals(FlakyMdb.QUEUE, dead.get(0).header("x-amqpra-original-queue"));
        assertEquals(
                3,
                reports.stream()
                        .filter(r -> r.startsWith("attempt|poison-" + run + "|"))
                        .count(),
                "1 + maxRedeliveries attempts: " + reports);
        for (int i = 0; i < 5; i++) {
            assertTrue(reports.contains("ok|good-" + run + "-" + i + "|false"), reports.toString());
        }
        assertEquals(
                0,
                ch().queueDeclare(FlakyMdb.QUEUE, true, false, false, false, false, null)
                        .messageCount());
    }

    @Test
    void brokerConnectionsClosedByForceMidStreamLoseNothingAndThePoolRecovers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            ch().basicPublish(
                            Message.builder("x").messageId("x-" + run + "-" + i).build(), "", ReportingMdb.QUEUE);
        }
        List<String> reports = new ArrayList<>();
        collect(reports, run, n / 5, 60);
        int beforeClose = idsReported(reports, run).size();
        assertTrue(beforeClose < n, "the close must happen mid-stream: " + beforeClose);
        // every broker connection goes: the MDB's consumers, the outbound pool, the test's own
        RabbitCtl.run("close_all_connections", "amqp-ra payara forced-close test");
        TestBroker.reconnect(); // the tests' connection went too
        collect(reports, run, n, 120);
        TimeUnit.MILLISECONDS.sleep(500); // quiet period: a late extra (a duplicate) would arrive now
        for (Message m : drain(ReportingMdb.DONE)) {
            reports.add(m.bodyAsString());
        }
        assertEquals(n, idsReported(reports, run).size(), "none lost (" + beforeClose + " before the close)");
        for (String id : idsReported(reports, run)) {
            long firstDeliveries = reports.stream()
                    .filter(r -> r.equals("done|" + id + "|false"))
                    .count();
            assertTrue(firstDeliveries <= 1, "a duplicate must be a redelivery: " + id);
        }

        HttpResponse<String> afterwards = get("/publish?queue=" + OUT + "&prefix=after-" + run + "&n=1&fail=false");
        assertEquals(200, afterwards.statusCode(), "the pool replaced its broken connections: " + afterwards.body());
        assertEquals("after-" + run + "-0", drain(OUT).get(0).messageId());
    }

    @Test
    void theMdbRunsMaxConcurrencyDeliveriesAtOnceAndNeverMore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            ch().basicPublish(
                            Message.builder("c").messageId("c-" + run + "-" + i).build(), "", ConcurrencyMdb.QUEUE);
        }
        Set<String> ids = new HashSet<>();
        int peak = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ids.size() < 60 && System.nanoTime() < deadline) {
            Message m = ch().basicGet(ConcurrencyMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(20);
                continue;
            }
            String[] report = m.bodyAsString().split("\\|"); // id|calls running on entry|peak so far
            if (report[0].contains(run)) {
                ids.add(report[0]);
                peak = Math.max(peak, Integer.parseInt(report[1]));
            }
        }
        assertEquals(60, ids.size(), "every message processed");
        assertEquals(3, peak, "the most onMessage calls at once: maxConcurrency");
    }

    /** Messages on the MDB's report queue (a passive declare). */
    private long doneDepth() {
        return ch().queueDeclare(CountingMdb.DONE, true, false, false, false, false, null)
                .messageCount();
    }

    /**
     * 10,000 messages through a transacted MDB (after 2,000 more), each processed once. Its
     * speed next to a plain consumer is the adapter cost benchmark's ({@code PayaraAdapterCostIT}).
     */
    @Test
    void tenThousandMessagesEachProcessedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        mdbRun("warm-" + run, 2_000);
        mdbRun(run, 10_000);
    }

    /**
     * Publishes {@code n} messages to the counting MDB, waits until the last report is on the
     * queue (its depth, polled: fetching them one basic.get at a time, a round trip each, made
     * the collector the bottleneck on a busy machine), then fetches and checks them.
     */
    private void mdbRun(String run, int n) throws Exception {
        long before = doneDepth();
        for (int i = 0; i < n; i++) {
            ch().basicPublish(
                            Message.builder("m").messageId("n-" + run + "-" + i).build(), "", CountingMdb.QUEUE);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (doneDepth() < before + n && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        List<String> reports = new ArrayList<>();
        while (reports.size() < n && System.nanoTime() < deadline) {
            Message m = ch().basicGet(CountingMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(5);
            } else if (m.bodyAsString().contains("n-" + run + "-")) {
                reports.add(m.bodyAsString());
            }
        }
        assertEquals(n, new HashSet<>(reports).size(), "every message processed");
        assertTrue(reports.stream().allMatch(r -> r.endsWith("|false")), "none processed twice or redelivered");
    }

    @Test
    void undeployingWhileMessagesFlowLosesNothing() throws Exception {
        ch().queueDeclare(SlowMdb.QUEUE, false, true, false, false, false, null); // durable, as SlowMdb declares it
        ch().queuePurge(SlowMdb.QUEUE);
        ch().queueDeclare(SlowMdb.DONE, false, false, false, false, false, null);
        ch().queuePurge(SlowMdb.DONE);
        int n = 3000;
        for (int i = 0; i < n; i++) {
            ch().basicPublish(Message.builder("s").messageId("s-" + i).build(), "", SlowMdb.QUEUE);
        }
        Path war = WarBuilder.build(
                Path.of(System.getProperty("app.classes")),
                null,
                "slow",
                Files.createTempDirectory("amqpra-payara").resolve("amqpra-payara-slow.war"),
                SlowMdb.class,
                Results.class);
        PayaraDomain.asadmin().run("deploy", "--name", "amqpra-payara-slow", war.toString());
        Set<String> processed = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (processed.size() < 300 && System.nanoTime() < deadline) {
            Message m = ch().basicGet(SlowMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(20);
            } else {
                processed.add(m.bodyAsString());
            }
        }
        PayaraDomain.asadmin().run("undeploy", "amqpra-payara-slow");
        TimeUnit.MILLISECONDS.sleep(500); // quiet period: a late extra (a duplicate) would arrive now
        for (Message m : drain(SlowMdb.DONE)) {
            processed.add(m.bodyAsString());
        }
        Set<String> remaining = idsOn(SlowMdb.QUEUE);
        UndeployCheck.assertNothingLost(processed, remaining, n, 300);
    }

    /** Reads reports from the MDB until {@code atLeast} ids of {@code run} have one. */
    private static void collect(List<String> reports, String run, int atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (idsReported(reports, run).size() < atLeast && System.nanoTime() < deadline) {
            Message m = ch().basicGet(ReportingMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(20);
            } else {
                reports.add(m.bodyAsString());
            }
        }
    }

    private static Set<String> idsReported(List<String> reports, String run) {
        Set<String> ids = new HashSet<>();
        for (String r : reports) {
            if (r.startsWith("done|") && r.contains(run)) {
                ids.add(r.substring(5, r.lastIndexOf('|')));
            }
        }
        return ids;
    }

    private static Channel ch() {
        return TestBroker.channel();
    }
}
