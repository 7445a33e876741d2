package org.amqpra.itpayara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.itpayara.app.AuditBean;
import org.amqpra.itpayara.app.ConcurrencyMdb;
import org.amqpra.itpayara.app.CountingMdb;
import org.amqpra.itpayara.app.PoisonMdb;
import org.amqpra.itpayara.app.ReportingMdb;
import org.amqpra.itpayara.slow.SlowMdb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RAR in a real Payara Server 6, set up the way an operator would with {@code asadmin}:
 * deploy the RAR, create a connector connection pool and resource, deploy an application with an
 * EJB that publishes in its transaction and an MDB bound to the adapter by
 * {@code glassfish-ejb-jar.xml}. Against the real broker.
 */
class PayaraIT {
    private static final String DOMAIN = "amqpra-it";
    private static final String APP = "amqpra-payara-app";
    private static final String OUT = "amqpra-payara.out";

    private static Asadmin asadmin;
    private static Connection broker;
    private static Channel ch;

    @BeforeAll
    static void startPayara() throws Exception {
        Path home = Path.of(System.getProperty("payara.home"));
        asadmin = new Asadmin(home);
        broker = Connection.open(ConnectionParameters.fromUri(brokerUri()));
        ch = broker.channel();
        ch.queueDeclare(OUT, false, false, false, false, false, null);
        ch.queuePurge(OUT);
        ch.queueDeclare(ReportingMdb.QUEUE, false, false, false, false, false, null);
        ch.queuePurge(ReportingMdb.QUEUE);
        ch.queueDeclare(ReportingMdb.DONE, false, false, false, false, false, null);
        ch.queuePurge(ReportingMdb.DONE);
        for (String q : List.of(PoisonMdb.QUEUE, PoisonMdb.DONE, PoisonMdb.DLQ, AuditBean.QUEUE, ConcurrencyMdb.QUEUE,
                ConcurrencyMdb.DONE, CountingMdb.QUEUE, CountingMdb.DONE)) {
            ch.queueDeclare(q, false, false, false, false, false, null);
            ch.queuePurge(q);
        }

        if (!Files.isDirectory(home.resolve("glassfish/domains/" + DOMAIN))) {
            asadmin.run("create-domain", "--portbase", String.valueOf(Asadmin.PORT_BASE), "--nopassword=true", DOMAIN);
        }
        asadmin.attempt("stop-domain", DOMAIN); // left running by an interrupted run
        asadmin.run("start-domain", DOMAIN);
        // Enough request threads for the fifty concurrent callers of the pool test (default 5);
        // the listener takes a new size only after a restart (measured: still 5 callers at once).
        String threads = "configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size";
        if (!asadmin.run("get", threads).contains(threads + "=64")) {
            asadmin.run("set", threads + "=64");
            asadmin.run("restart-domain", DOMAIN);
        }
        asadmin.attempt("undeploy", APP);
        asadmin.attempt("delete-connector-resource", "amqp/DefaultConnectionFactory");
        asadmin.attempt("delete-connector-connection-pool", "amqp-pool");
        asadmin.attempt("undeploy", "amqp-ra");
        asadmin.attempt("delete-resource-adapter-config", "amqp-ra");
        // the broker the tests use (AMQP_URI, or the local one), as an operator sets it
        ConnectionParameters p = ConnectionParameters.fromUri(brokerUri());
        String[] user = URI.create(brokerUri().replaceFirst("^amqps?:", "http:")).getUserInfo().split(":", 2);
        asadmin.run("create-resource-adapter-config", "--property", "Host=" + p.host() + ":Port=" + p.port()
                + ":UserName=" + user[0] + ":Password=" + user[1], "amqp-ra");
        asadmin.run("deploy", System.getProperty("amqpra.rar"));
        asadmin.run("create-connector-connection-pool", "--raname", "amqp-ra", "--connectiondefinition",
                "org.amqpra.AmqpConnectionFactory", "--transactionsupport", "LocalTransaction", "--maxpoolsize", "10",
                "amqp-pool");
        asadmin.run("create-connector-resource", "--poolname", "amqp-pool", "amqp/DefaultConnectionFactory");
        asadmin.attempt("delete-jdbc-resource", "jdbc/amqpra-xa");
        asadmin.attempt("delete-jdbc-connection-pool", "amqpra-xa-pool");
        asadmin.run("create-jdbc-connection-pool", "--datasourceclassname", "org.h2.jdbcx.JdbcDataSource", "--restype",
                "javax.sql.XADataSource", "--property", "url=jdbc\\:h2\\:mem\\:amqpra;DB_CLOSE_DELAY\\=-1",
                "amqpra-xa-pool");
        asadmin.run("create-jdbc-resource", "--connectionpoolid", "amqpra-xa-pool", "jdbc/amqpra-xa");
        Path war = WarBuilder.build(Path.of(System.getProperty("app.classes")), "org/amqpra/itpayara/app", "app",
                Files.createTempDirectory("amqpra-payara").resolve(APP + ".war"));
        asadmin.run("deploy", "--name", APP, "--contextroot", APP, war.toString());
    }

    @AfterAll
    static void stopPayara() throws Exception {
        try {
            if (asadmin != null) {
                asadmin.attempt("undeploy", APP);
                asadmin.attempt("stop-domain", DOMAIN);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void thePoolsConnectionTestReachesTheBroker() throws Exception {
        String out = asadmin.run("ping-connection-pool", "amqp-pool");
        assertTrue(out.contains("executed successfully"), out);
    }

    @Test
    void aPublishInATransactionCommitsWithItAndARolledBackOnePublishesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> committed = get("/publish?queue=" + OUT + "&prefix=commit-" + run + "&n=3&fail=false");
        assertEquals(200, committed.statusCode(), committed.body());
        HttpResponse<String> rolledBack = get("/publish?queue=" + OUT + "&prefix=rollback-" + run + "&n=3&fail=true");
        assertEquals(500, rolledBack.statusCode(), rolledBack.body());

        assertEquals(Set.of("commit-" + run + "-0", "commit-" + run + "-1", "commit-" + run + "-2"),
                idsOn(OUT, run));
    }

    @Test
    void anXaDatasourceAndTheAdapterCommitTogetherAndRollBackTogether() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> committed = get("/order?queue=" + OUT + "&id=order-" + run + "-ok&fail=false");
        assertEquals(200, committed.statusCode(), committed.body());
        HttpResponse<String> rolledBack = get("/order?queue=" + OUT + "&id=order-" + run + "-no&fail=true");
        assertEquals(500, rolledBack.statusCode(), rolledBack.body());

        assertEquals("1", get("/order?count=order-" + run + "-ok").body(), "the committed row");
        assertEquals("0", get("/order?count=order-" + run + "-no").body(), "no row from the rolled-back transaction");
        assertEquals(Set.of("order-" + run + "-ok"), idsOn(OUT, run), "only the committed transaction's message");
    }

    @Test
    void beanManagedTransactionsCommitOrRollBackAndAHandleTakenBeforeBeginJoinsTheTransaction() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String early : List.of("false", "true")) {
            String q = "/bmt?queue=" + OUT + "&n=2&early=" + early;
            assertEquals(200, get(q + "&commit=false&prefix=rb-" + early + "-" + run).statusCode());
            assertEquals(200, get(q + "&commit=true&prefix=ok-" + early + "-" + run).statusCode());
        }
        assertEquals(200, get("/bmt?queue=" + OUT + "&none=true&prefix=none-" + run).statusCode());

        Set<String> expected = Set.of("ok-false-" + run + "-0", "ok-false-" + run + "-1", "ok-true-" + run + "-0",
                "ok-true-" + run + "-1", "none-" + run);
        assertEquals(expected, awaitIds(OUT, run, expected, 10),
                "the committed ones and the one outside a transaction; nothing from the rolled-back ones, also "
                        + "when the handle was taken before begin()");
    }

    @Test
    void aPublishTheBrokerRefusesFailsTheCommitAndThePoolStaysHealthy() throws Exception {
        HttpResponse<String> refused = get("/publish?exchange=amqpra-payara.no-such-exchange." + System.nanoTime());
        assertEquals(500, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("NOT_FOUND") || refused.body().contains("404"), refused.body());

        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = get("/publish?queue=" + OUT + "&prefix=after-" + i + "-" + run + "&n=1&fail=false");
            assertEquals(200, r.statusCode(), r.body());
            expected.add("after-" + i + "-" + run + "-0");
        }
        assertEquals(expected, idsOn(OUT, run), "every later publish of the pool committed");
    }

    @Test
    void fiftyConcurrentCallersShareAPoolOfTen() throws Exception {
        get("/publish?peaks=true"); // starts counting afresh
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            // each keeps its connection 100 ms in its transaction, so that the callers overlap
            calls.add(http.sendAsync(request("/publish?queue=" + OUT + "&prefix=pool-" + i + "-" + run
                    + "&n=4&hold=100"), HttpResponse.BodyHandlers.ofString()));
            for (int k = 0; k < 4; k++) {
                expected.add("pool-" + i + "-" + run + "-" + k);
            }
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(120, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
        }
        Set<String> arrived = idsOn(OUT, run); // before anything can fail: the queue is left empty
        String[] peaks = get("/publish?peaks=true").body().split("\\|");
        System.out.printf("POOL-PEAKS callers at once=%s, holding a connection at once=%s (pool of 10)%n", peaks[0],
                peaks[1]);
        assertTrue(Integer.parseInt(peaks[0]) > 10, "more callers at once than the pool has connections: "
                + peaks[0]);
        assertTrue(Integer.parseInt(peaks[1]) <= 10, "never more than the pool's 10 connections in use: "
                + peaks[1]);
        assertEquals(expected, arrived);
    }

    @Test
    void theMdbRunsMaxConcurrencyDeliveriesAtOnceAndNeverMore() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            ch.basicPublish(Message.builder("c").messageId("c-" + run + "-" + i).build(), "", ConcurrencyMdb.QUEUE);
        }
        Set<String> ids = new HashSet<>();
        int peak = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ids.size() < 60 && System.nanoTime() < deadline) {
            Message m = ch.basicGet(ConcurrencyMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(20);
                continue;
            }
            String[] report = m.bodyAsString().split("\\|"); // conc|id|calls running on entry
            if (report[1].contains(run)) {
                ids.add(report[1]);
                peak = Math.max(peak, Integer.parseInt(report[2]));
            }
        }
        assertEquals(60, ids.size(), "every message processed");
        assertEquals(3, peak, "the most onMessage calls at once: maxConcurrency");
    }

    /**
     * 10,000 messages through a transacted MDB, each processed once, and (not an assertion on
     * speed) the delivery rate next to a plain consumer doing the same work (publish a report,
     * ack, tx.commit per message) on the same broker in the same run.
     */
    @Test
    void tenThousandMessagesEachProcessedOnceAndTheRateNextToAPlainConsumer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 10_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ch.basicPublish(Message.builder("m").messageId("n-" + run + "-" + i).build(), "", CountingMdb.QUEUE);
        }
        List<String> reports = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (reports.size() < n && System.nanoTime() < deadline) {
            Message m = ch.basicGet(CountingMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(5);
            } else if (m.bodyAsString().contains(run)) {
                reports.add(m.bodyAsString());
            }
        }
        double mdbSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(n, new HashSet<>(reports).size(), "every message processed");
        assertTrue(reports.stream().allMatch(r -> r.endsWith("|false")), "none processed twice or redelivered");

        String q = "amqpra-payara.plain." + run;
        ch.queueDeclare(q, false, false, false, false, false, null);
        ch.queueDeclare(q + ".done", false, false, false, false, false, null);
        for (int i = 0; i < n; i++) {
            ch.basicPublish(Message.builder("m").messageId("p-" + run + "-" + i).build(), "", q);
        }
        try (Connection consumer = Connection.open(ConnectionParameters.fromUri(brokerUri()))) {
            Channel cc = consumer.channel();
            cc.txSelect();
            cc.basicQos(0, 50, false);
            int[] got = {0};
            long t0 = System.nanoTime();
            cc.basicConsume(q, m -> {
                // the MDB's work: publish a report and ack, in one transaction
                cc.basicPublish(Message.builder(m.messageId() + "|" + m.redelivered()).build(), "", q + ".done");
                m.ack();
                cc.txCommit();
                got[0]++;
            });
            long plainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (got[0] < n && System.nanoTime() < plainDeadline) {
                consumer.loop(Duration.ofMillis(200));
            }
            double plainSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(n, got[0]);
            System.out.printf("PAYARA-MDB-RATE mdb=%.0f msg/s (publish+deliver+report, %.1f s) plain-consumer=%.0f "
                    + "msg/s (%.1f s) ratio=%.2f%n", n / mdbSeconds, mdbSeconds, n / plainSeconds, plainSeconds,
                    plainSeconds / mdbSeconds);
        }
        ch.queueDelete(q);
        ch.queueDelete(q + ".done");
    }

    /**
     * Not an assertion on speed: prints, for the README's adapter rows, transactional publishing
     * through the RAR in Payara next to a raw client in the same server doing tx.select,
     * publish, tx.commit per message. What it asserts is that every message arrived.
     */
    @Test
    void transactionalPublishThroughTheAdapterNextToARawClient() throws Exception {
        String q = "amqpra-payara.rate";
        ch.queueDeclare(q, false, false, false, false, false, null);
        ch.queuePurge(q);
        int n = 4000;
        int warmUp = 2000;
        HttpResponse<String> r = get("/rate?queue=" + q + "&n=" + n + "&warmup=" + warmUp);
        assertEquals(200, r.statusCode(), r.body());
        double rar = Double.parseDouble(r.body().replaceAll(".*rar=([0-9.]+).*", "$1"));
        double raw = Double.parseDouble(r.body().replaceAll(".*raw=([0-9.]+).*", "$1"));
        System.out.printf("PAYARA-RAR-TX-RATE rar=%.0f tx/s raw-client=%.0f tx/s ratio=%.2f%n", rar, raw, rar / raw);
        assertEquals(warmUp + 2L * n, ch.queueDeclare(q, true, false, false, false, false, null).messageCount());
        ch.queueDelete(q);
    }

    /**
     * Drains {@code q} until every id of {@code expected} arrived (or {@code seconds} passed),
     * then a little longer, and returns every id of {@code run} seen: unexpected ones show up too.
     */
    private static Set<String> awaitIds(String q, String run, Set<String> expected, int seconds)
            throws InterruptedException {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
            seen.addAll(idsOn(q, run));
            TimeUnit.MILLISECONDS.sleep(20);
        }
        TimeUnit.MILLISECONDS.sleep(300);
        seen.addAll(idsOn(q, run));
        return seen;
    }

    @Test
    void theMdbProcessesEachMessageOnceAndAFailedDeliveryIsRedeliveredNotLost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 200;
        for (int i = 0; i < n; i++) {
            ch.basicPublish(Message.builder("m").messageId("m-" + run + "-" + i).build(), "", ReportingMdb.QUEUE);
        }
        for (int i = 0; i < 3; i++) {
            ch.basicPublish(Message.builder("f").messageId("fail-once-" + run + "-" + i).build(), "",
                    ReportingMdb.QUEUE);
        }
        List<String> reports = new ArrayList<>();
        collect(reports, run, n + 3, 90);
        TimeUnit.MILLISECONDS.sleep(500);
        for (Message m : drain(ReportingMdb.DONE)) {
            reports.add(m.bodyAsString());
        }
        List<String> mine = reports.stream().filter(r -> r.contains(run)).toList();
        assertEquals(n + 3, mine.size(), "one report per message, none from a rolled-back attempt: " + mine);
        for (int i = 0; i < n; i++) {
            assertTrue(mine.contains("done|m-" + run + "-" + i + "|false"), "m-" + i + " in " + mine);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(mine.contains("done|fail-once-" + run + "-" + i + "|true"),
                    "fail-once-" + i + " processed on redelivery: " + mine);
        }
        assertEquals(0, ch.queueDeclare(ReportingMdb.QUEUE, true, false, false, false, false, null).messageCount());
        List<String> audits = drain(AuditBean.QUEUE).stream().map(Message::bodyAsString)
                .filter(a -> a.contains(run)).sorted().toList();
        assertEquals(List.of("audit|fail-once-" + run + "-0", "audit|fail-once-" + run + "-1",
                "audit|fail-once-" + run + "-2"), audits,
                "a REQUIRES_NEW publish commits though the delivery rolls back");
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterItsRedeliveriesWhileOthersFlow() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ch.basicPublish(Message.builder("p").messageId("poison-" + run).build(), "", PoisonMdb.QUEUE);
        for (int i = 0; i < 5; i++) {
            ch.basicPublish(Message.builder("g").messageId("good-" + run + "-" + i).build(), "", PoisonMdb.QUEUE);
        }
        List<Message> dead = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (dead.isEmpty() && System.nanoTime() < deadline) {
            dead.addAll(drain(PoisonMdb.DLQ));
            TimeUnit.MILLISECONDS.sleep(50);
        }
        TimeUnit.MILLISECONDS.sleep(500);
        List<String> reports = new ArrayList<>();
        for (Message m : drain(PoisonMdb.DONE)) {
            reports.add(m.bodyAsString());
        }
        assertEquals(1, dead.size(), "the poison message is in the dead-letter queue");
        assertEquals("poison-" + run, dead.get(0).messageId());
        assertEquals(3, dead.get(0).header("x-amqpra-failed-deliveries"));
        assertEquals(PoisonMdb.QUEUE, dead.get(0).header("x-amqpra-original-queue"));
        assertEquals(3, reports.stream().filter(r -> r.equals("attempt|poison-" + run)).count(),
                "1 + maxRedeliveries attempts: " + reports);
        for (int i = 0; i < 5; i++) {
            assertTrue(reports.contains("ok|good-" + run + "-" + i), reports.toString());
        }
        assertEquals(0, ch.queueDeclare(PoisonMdb.QUEUE, true, false, false, false, false, null).messageCount());
    }

    @Test
    void brokerConnectionsClosedByForceMidStreamLoseNothingAndThePoolRecovers() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            ch.basicPublish(Message.builder("x").messageId("x-" + run + "-" + i).build(), "", ReportingMdb.QUEUE);
        }
        List<String> reports = new ArrayList<>();
        collect(reports, run, n / 5, 60);
        int beforeClose = idsReported(reports, run).size();
        assertTrue(beforeClose < n, "the close must happen mid-stream: " + beforeClose);
        // every broker connection goes: the MDB's consumers, the outbound pool, the test's own
        rabbitmqctl("close_all_connections", "amqp-ra payara forced-close test");
        broker = Connection.open(ConnectionParameters.fromUri(brokerUri()));
        ch = broker.channel();
        collect(reports, run, n, 120);
        TimeUnit.MILLISECONDS.sleep(500);
        for (Message m : drain(ReportingMdb.DONE)) {
            reports.add(m.bodyAsString());
        }
        assertEquals(n, idsReported(reports, run).size(), "none lost (" + beforeClose + " before the close)");
        for (String id : idsReported(reports, run)) {
            long firstDeliveries = reports.stream().filter(r -> r.equals("done|" + id + "|false")).count();
            assertTrue(firstDeliveries <= 1, "a duplicate must be a redelivery: " + id);
        }

        HttpResponse<String> afterwards = get("/publish?queue=" + OUT + "&prefix=after-" + run + "&n=1&fail=false");
        assertEquals(200, afterwards.statusCode(), "the pool replaced its broken connections: " + afterwards.body());
        assertEquals("after-" + run + "-0", drain(OUT).get(0).messageId());
    }

    /** Reads reports from the MDB until {@code atLeast} ids of {@code run} have one. */
    private static void collect(List<String> reports, String run, int atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (idsReported(reports, run).size() < atLeast && System.nanoTime() < deadline) {
            Message m = ch.basicGet(ReportingMdb.DONE, true);
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

    private static void rabbitmqctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rabbitmqctl " + String.join(" ", args) + " took over 60 s");
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "rabbitmqctl " + String.join(" ", args) + ": " + out);
    }

    @Test
    void undeployingWhileMessagesFlowLosesNothing() throws Exception {
        ch.queueDeclare(SlowMdb.QUEUE, false, false, false, false, false, null);
        ch.queuePurge(SlowMdb.QUEUE);
        ch.queueDeclare(SlowMdb.DONE, false, false, false, false, false, null);
        ch.queuePurge(SlowMdb.DONE);
        int n = 3000;
        for (int i = 0; i < n; i++) {
            ch.basicPublish(Message.builder("s").messageId("s-" + i).build(), "", SlowMdb.QUEUE);
        }
        Path war = WarBuilder.build(Path.of(System.getProperty("app.classes")), "org/amqpra/itpayara/slow", "slow",
                Files.createTempDirectory("amqpra-payara").resolve("amqpra-payara-slow.war"));
        asadmin.run("deploy", "--name", "amqpra-payara-slow", war.toString());
        Set<String> processed = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (processed.size() < 300 && System.nanoTime() < deadline) {
            Message m = ch.basicGet(SlowMdb.DONE, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(20);
            } else {
                processed.add(m.bodyAsString());
            }
        }
        asadmin.run("undeploy", "amqpra-payara-slow");
        TimeUnit.MILLISECONDS.sleep(500);
        for (Message m : drain(SlowMdb.DONE)) {
            processed.add(m.bodyAsString());
        }
        Set<String> remaining = idsOn(SlowMdb.QUEUE);
        assertTrue(processed.size() >= 300 && processed.size() < n, "undeployed mid-stream: " + processed.size());
        Set<String> all = new HashSet<>(processed);
        all.addAll(remaining);
        assertEquals(n, all.size(), "every message was processed or is still on the queue (" + processed.size()
                + " processed, " + remaining.size() + " remaining)");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Asadmin.HTTP_PORT + "/" + APP + path))
                .timeout(Duration.ofSeconds(60)).build();
    }

    /** The message ids containing {@code run} of everything left on {@code q}, drained (the rest too). */
    private static Set<String> idsOn(String q, String run) {
        Set<String> ids = new HashSet<>();
        for (String id : idsOn(q)) {
            if (id != null && id.contains(run)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The message ids of everything left on {@code q}, drained. */
    private static Set<String> idsOn(String q) {
        Set<String> ids = new HashSet<>();
        for (Message m : drain(q)) {
            ids.add(m.messageId());
        }
        return ids;
    }

    private static List<Message> drain(String q) {
        List<Message> out = new ArrayList<>();
        Message m;
        while ((m = ch.basicGet(q, true)) != null) {
            out.add(m);
        }
        return out;
    }

    private static String brokerUri() {
        String env = System.getenv("AMQP_URI");
        return env != null && !env.isBlank() ? env : "amqp://guest:guest@127.0.0.1:5672/%2F";
    }
}
