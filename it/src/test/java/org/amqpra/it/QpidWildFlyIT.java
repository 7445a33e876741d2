package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.amqpra.Message;
import org.amqpra.it.mdb.ReplyMdb;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.Results;
import org.amqpra.testsupport.EmbeddedQpid;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;

/**
 * The inbound scenarios that make sense on Apache Qpid Broker-J, in a WildFly of the test's own
 * pointed at an embedded Qpid ({@code -Damqpra.port}): a reply published in a delivery's
 * transaction rolls back with it and the redelivered input commits exactly one reply; 2,000
 * messages through a transacted MDB, each processed exactly once. (Fail-once redelivery and the
 * poison message dead-lettered by the adapter run on Qpid in the demo, {@code DemoIT}.)
 */
class QpidWildFlyIT {
    private static final String APP = "qpid-app.jar";

    @Test
    void repliesRollBackWithTheirDeliveryAndTwoThousandMessagesArriveExactlyOnce() throws Exception {
        Path target = Path.of("target");
        Path app = StandaloneWildFly.export(
                ShrinkWrap.create(JavaArchive.class, APP)
                        .addClasses(ReplyMdb.class, CountingMdb.class, AuditBean.class, Results.class)
                        .addAsManifestResource("redeploy-jboss-ejb3.xml", "jboss-ejb3.xml")
                        .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n")),
                target);
        try (EmbeddedQpid qpid = EmbeddedQpid.startForTests("qpid-work");
                BrokerClient c = new BrokerClient(qpid.uri());
                StandaloneWildFly server = new StandaloneWildFly(Path.of(System.getProperty("jboss.home")), target)) {
            c.resetQueue(ReplyMdb.REPLIES);
            c.resetQueue(CountingMdb.DONE);
            // the inputs as the MDBs declare them (durable), before they have: a message published
            // before its queue exists would be dropped
            c.channel().queueDeclare(ReplyMdb.QUEUE, false, true, false, false, false, null);
            c.channel().queueDeclare(CountingMdb.QUEUE, false, true, false, false, false, null);
            server.deploy(new File(System.getProperty("amqpra.rar")).toPath(), "amqp-ra.rar");
            server.deploy(app, APP);
            server.start("-Damqpra.host=127.0.0.1", "-Damqpra.port=" + qpid.port());
            server.awaitDeployed(APP, Duration.ofSeconds(180));

            String run = Long.toString(System.nanoTime(), 36);
            c.publish(ReplyMdb.QUEUE, null, "rollback-first-" + run, false);
            c.publish(ReplyMdb.QUEUE, null, "commit-" + run, false);
            List<String> replies = c.collect(ReplyMdb.REPLIES, new ArrayList<>(), r -> r.size() >= 2, 60);
            TimeUnit.MILLISECONDS.sleep(1000); // quiet period: a late extra (a duplicate) would arrive now
            replies.addAll(c.drain(ReplyMdb.REPLIES).stream()
                    .map(Message::bodyAsString)
                    .collect(Collectors.toList()));
            assertEquals(
                    List.of("reply|rollback-first-" + run + "|true"),
                    replies.stream().filter(x -> x.contains("rollback-first")).collect(Collectors.toList()),
                    "the rolled-back reply never reached the broker; the input came back redelivered");
            // the other input may come back redelivered: the slot that rolled back closed its
            // channel, and Qpid may have sent it that one already
            List<String> committed =
                    replies.stream().filter(x -> x.contains("|commit-")).collect(Collectors.toList());
            assertEquals(1, committed.size(), "exactly one reply for the committed delivery: " + replies);
            assertTrue(committed.get(0).startsWith("reply|commit-" + run + "|"), committed.toString());

            int n = 2000;
            for (int i = 0; i < n; i++) {
                c.publish(CountingMdb.QUEUE, run + "-" + i, "m" + i, false);
            }
            List<String> done = c.collect(CountingMdb.DONE, new ArrayList<>(), r -> r.size() >= n, 120);
            TimeUnit.MILLISECONDS.sleep(1000); // quiet period: a late duplicate would arrive now
            done.addAll(c.drain(CountingMdb.DONE).stream()
                    .map(Message::bodyAsString)
                    .collect(Collectors.toList()));
            System.out.printf(
                    "QPID-WILDFLY replies=%s processed=%d distinct=%d%n",
                    replies, done.size(), new HashSet<>(done).size());
            assertEquals(n, new HashSet<>(done).size(), "every message processed");
            assertEquals(n, done.size(), "none twice");
            assertTrue(done.stream().allMatch(r -> r.startsWith(run) && r.endsWith("|false")), "none redelivered");
            assertEquals(0, c.depth(CountingMdb.QUEUE), "nothing left");
        }
    }
}
