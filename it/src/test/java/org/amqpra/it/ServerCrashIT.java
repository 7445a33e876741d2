package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.amqpra.Message;
import org.amqpra.it.mdb.CrashMdb;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.Results;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
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
        Path app = target.resolve(APP);
        ShrinkWrap.create(JavaArchive.class, APP)
                .addClasses(CrashMdb.class, AuditBean.class, Results.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n"))
                .as(ZipExporter.class)
                .exportTo(app.toFile(), true);
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

    private static List<String> mine(List<String> reports, String run) {
        return reports.stream().filter(r -> r.contains(run)).collect(Collectors.toList());
    }
}
