package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.amqpra.Message;
import org.amqpra.it.crash.CrashOrderBean;
import org.amqpra.it.crash.CrashOrderServlet;
import org.amqpra.it.crash.HaltingXAResource;
import org.amqpra.it.mdb.CrashMdb;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.Results;
import org.amqpra.testsupport.Await;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The application server killed ({@code kill -9}) in the middle of a transacted MDB delivery,
 * then started again: the message the MDB was working on is redelivered to the restarted server
 * and processed once more, the messages queued behind it are processed once each, none lost.
 * Runs a WildFly of its own ({@link StandaloneWildFly}), outside Arquillian, which cannot survive
 * its server being killed.
 */
class ServerCrashIT {
    private static final String APP = "crash-app.jar";

    @Test
    void aServerKilledMidDeliveryRedeliversTheMessageAfterRestartAndLosesNothing() throws Exception {
        int behind = 20;
        Path target = Path.of("target");
        Path app = StandaloneWildFly.export(
                ShrinkWrap.create(JavaArchive.class, APP).addClasses(CrashMdb.class, AuditBean.class, Results.class),
                target);
        String run = Long.toString(System.nanoTime(), 36);
        List<String> attempts = new ArrayList<>();
        List<String> done = new ArrayList<>();
        try (BrokerClient c = new BrokerClient();
                StandaloneWildFly server = new StandaloneWildFly(Path.of(System.getProperty("jboss.home")), target)) {
            c.resetQueue(CrashMdb.ATTEMPTS);
            c.resetDurableQueue(CrashMdb.DONE);
            // declared here as the MDB declares it: the deployment marker appears before the
            // activation, which starts in the background, has declared the queue
            c.resetDurableQueue(CrashMdb.QUEUE);
            server.deploy(new File(System.getProperty("amqpra.rar")).toPath(), "amqp-ra.rar");
            server.deploy(app, APP);
            server.start();
            server.awaitDeployed(APP, Duration.ofSeconds(180));

            c.publish(CrashMdb.QUEUE, "block-" + run, "block", true);
            for (int i = 0; i < behind; i++) {
                c.publish(CrashMdb.QUEUE, "behind-" + run + "-" + i, "m" + i, true);
            }
            c.collect(CrashMdb.ATTEMPTS, attempts, r -> r.contains("block-" + run + "|false"), 60);
            assertTrue(attempts.contains("block-" + run + "|false"), "the MDB started on the message: " + attempts);
            server.kill(); // mid-delivery: its transaction never commits
            long killedAt = System.nanoTime();

            server.start();
            c.collect(CrashMdb.DONE, done, r -> mine(r, run).size() >= behind + 1, 240);
            long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            TimeUnit.SECONDS.sleep(1); // quiet period: a late extra (a duplicate) would arrive now
            done.addAll(
                    c.drain(CrashMdb.DONE).stream().map(Message::bodyAsString).collect(Collectors.toList()));
            attempts.addAll(c.drain(CrashMdb.ATTEMPTS).stream()
                    .map(Message::bodyAsString)
                    .collect(Collectors.toList()));
            List<String> mine = mine(done, run);
            System.out.printf(
                    "SERVER-KILL sent=%d processed=%d lost=%d block attempts=%s done in %d ms after the kill%n",
                    behind + 1,
                    mine.size(),
                    behind
                            + 1
                            - mine.stream()
                                    .map(r -> r.substring(0, r.indexOf('|')))
                                    .distinct()
                                    .count(),
                    mine(attempts, "block-" + run),
                    recoveredMillis);
            assertEquals(
                    List.of("block-" + run + "|true"),
                    mine(done, "block-" + run),
                    "the interrupted message is processed once more, redelivered, after the restart");
            assertEquals(behind + 1, mine.size(), "every message done once: " + mine);
            assertEquals(0, c.depth(CrashMdb.QUEUE), "the input queue is drained");
        }
    }

    /**
     * The server killed after the AMQP commit and before the XA datasource's commit, then
     * restarted: the transaction manager had logged its decision, so its recovery commits the
     * datasource's prepared branch and the row appears (the transaction table's "consistent
     * after recovery"). The halt comes from a {@link HaltingXAResource} enlisted before the
     * datasource, PostgreSQL (local, {@code max_prepared_transactions} > 0: {@code .ci/run} sets
     * it) is the datasource, and a recovery pass is started through Narayana's recovery listener.
     */
    @Test
    void aServerKilledBetweenTheAmqpCommitAndTheDatasourceCommitIsConsistentAfterRecovery() throws Exception {
        try (java.sql.Connection pg = postgres()) {
            String prepared = scalar(pg, "SHOW max_prepared_transactions");
            assertTrue(!"0".equals(prepared), "PostgreSQL needs max_prepared_transactions > 0 (.ci/run sets it)");
        }
        Path target = Path.of("target");
        String war = "crash-orders.war";
        Path archive = StandaloneWildFly.export(
                ShrinkWrap.create(WebArchive.class, war)
                        .addClasses(CrashOrderBean.class, CrashOrderServlet.class, HaltingXAResource.class),
                target);
        Path driver = Path.of(org.postgresql.Driver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String run = Long.toString(System.nanoTime(), 36);
        String id = "crash-" + run;
        try (BrokerClient c = new BrokerClient();
                StandaloneWildFly server = new StandaloneWildFly(Path.of(System.getProperty("jboss.home")), target)) {
            String queue = "amqpra-it.crash-orders." + run;
            c.channel().queueDeclare(queue, false, true, false, false, false, null);
            server.enableRecoveryListener();
            server.deploy(driver, "postgresql.jar");
            server.deploy(new File(System.getProperty("amqpra.rar")).toPath(), "amqp-ra.rar");
            server.deploy("crash-xa-ds.xml", """
                    <datasources xmlns="http://www.jboss.org/ironjacamar/schema">
                      <xa-datasource jndi-name="java:jboss/datasources/CrashXA" pool-name="CrashXA">
                        <xa-datasource-property name="ServerName">127.0.0.1</xa-datasource-property>
                        <xa-datasource-property name="PortNumber">5432</xa-datasource-property>
                        <xa-datasource-property name="DatabaseName">postgres</xa-datasource-property>
                        <xa-datasource-class>org.postgresql.xa.PGXADataSource</xa-datasource-class>
                        <driver>postgresql.jar</driver>
                        <security><user-name>postgres</user-name><password>postgres</password></security>
                      </xa-datasource>
                    </datasources>
                    """);
            server.deploy(archive, war);
            server.start();
            try {
                server.awaitDeployed(war, Duration.ofSeconds(180));
                assertEquals("ok", server.get("/crash-orders/order?setup=true").body());
                // a transaction without the halt commits both
                assertEquals(
                        "ok",
                        server.get("/crash-orders/order?id=ok-" + run + "&queue=" + queue)
                                .body());
                assertEquals(
                        "1", server.get("/crash-orders/order?count=ok-" + run).body());

                try {
                    server.get("/crash-orders/order?id=" + id + "&queue=" + queue + "&halt=true");
                } catch (IOException expected) {
                    // the server died while answering
                }
                server.awaitExited(Duration.ofSeconds(60));
                List<String> onBroker =
                        c.drain(queue).stream().map(Message::messageId).collect(Collectors.toList());
                assertEquals(List.of("ok-" + run, id), onBroker, "the AMQP commit happened before the halt");
                String rowsAtCrash;
                try (java.sql.Connection pg = postgres()) {
                    rowsAtCrash = scalar(pg, "SELECT COUNT(*) FROM amqpra_crash_orders WHERE id = '" + id + "'")
                            + " row, " + scalar(pg, "SELECT COUNT(*) FROM pg_prepared_xacts") + " prepared";
                }

                server.start();
                Await.value(
                        Duration.ofSeconds(180),
                        "the restarted server answering",
                        () -> count(server, id),
                        r -> r != null);
                long t0 = System.nanoTime();
                Await.until(Duration.ofSeconds(180), "the recovered row", () -> {
                    try {
                        server.scanRecovery();
                    } catch (IOException e) {
                        // the periodic pass does it too, later
                    }
                    return "1".equals(count(server, id));
                });
                System.out.printf(
                        "XA-RECOVERY message on the broker: 1; at the crash: %s; after recovery: 1 row, %d ms after the"
                                + " restart answered%n",
                        rowsAtCrash, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            } finally {
                c.delete(queue);
            }
        }
    }

    private static java.sql.Connection postgres() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
    }

    private static String scalar(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (java.sql.Statement st = db.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The server's row count for {@code id}, or null while it does not answer. */
    private static String count(StandaloneWildFly server, String id) {
        try {
            HttpResponse<String> r = server.get("/crash-orders/order?count=" + id);
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> mine(List<String> reports, String run) {
        return reports.stream().filter(r -> r.contains(run)).collect(Collectors.toList());
    }
}
