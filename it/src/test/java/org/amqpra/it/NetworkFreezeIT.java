package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.TcpProxy;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;

/**
 * The network between WildFly and the broker freezes (a test-local proxy that stops forwarding
 * without closing anything) for longer than two heartbeats, in the middle of a transacted MDB's
 * stream whose every delivery also publishes through the pool: heartbeats detect it, the
 * activation and the pool move on once the network is back, nothing is lost. A WildFly of the
 * test's own, configured to reach the broker through the proxy ({@code -Damqpra.port}) with 2 s
 * heartbeats ({@code -Damqpra.heartbeat-seconds}).
 */
class NetworkFreezeIT {
    private static final String APP = "freeze-app.jar";

    @Test
    void aFrozenNetworkIsDetectedByHeartbeatsAndNothingIsLostOnceItIsBack() throws Exception {
        int n = 400;
        Path target = Path.of("target");
        Path app = StandaloneWildFly.export(
                ShrinkWrap.create(JavaArchive.class, APP).addClasses(CrashMdb.class, AuditBean.class, Results.class),
                target);
        String run = "freeze-" + Long.toString(System.nanoTime(), 36);
        List<String> done = new ArrayList<>();
        try (BrokerClient c = new BrokerClient();
                TcpProxy proxy = TcpProxy.toBroker();
                StandaloneWildFly server = new StandaloneWildFly(Path.of(System.getProperty("jboss.home")), target)) {
            c.resetQueue(CrashMdb.ATTEMPTS);
            c.resetDurableQueue(CrashMdb.DONE);
            c.resetDurableQueue(CrashMdb.QUEUE); // as the MDB declares it, before it has
            server.deploy(new File(System.getProperty("amqpra.rar")).toPath(), "amqp-ra.rar");
            server.deploy(app, APP);
            server.start("-Damqpra.host=127.0.0.1", "-Damqpra.port=" + proxy.port(), "-Damqpra.heartbeat-seconds=2");
            server.awaitDeployed(APP, Duration.ofSeconds(180));
            for (int i = 0; i < n; i++) {
                c.publish(CrashMdb.QUEUE, run + "-" + i, "m" + i, true);
            }
            c.collect(CrashMdb.DONE, done, r -> mine(r, run).size() >= n / 4, 60);
            int acceptedBefore = proxy.accepted();
            proxy.freeze();
            long frozenAt = System.nanoTime();
            // two silent heartbeat intervals (4 s) end the frozen connections; the activation and
            // the pool then connect again, through the proxy: a new connection reaches it
            Await.until(
                    Duration.ofSeconds(30),
                    "a new connection after the freeze",
                    () -> proxy.accepted() > acceptedBefore);
            long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            proxy.thaw();
            c.collect(
                    CrashMdb.DONE,
                    done,
                    r -> mine(r, run).stream()
                                    .map(x -> x.substring(0, x.indexOf('|')))
                                    .distinct()
                                    .count()
                            >= n,
                    180);
            TimeUnit.SECONDS.sleep(1); // quiet period: a late extra (a duplicate) would arrive now
            done.addAll(
                    c.drain(CrashMdb.DONE).stream().map(Message::bodyAsString).collect(Collectors.toList()));
            Reports reports = new Reports(done, id -> id.startsWith(run));
            System.out.printf(
                    "NETWORK-FREEZE-WILDFLY sent=%d processed=%d lost=%d duplicates=%d; a new connection %d ms after"
                            + " the freeze (heartbeat 2 s)%n",
                    n, reports.processed(), n - reports.processed(), reports.duplicates(), detectedMillis);
            assertEquals(n, reports.processed(), "none lost");
            assertEquals(0, c.depth(CrashMdb.QUEUE), "the input queue is drained");
        }
    }

    private static List<String> mine(List<String> reports, String run) {
        return reports.stream().filter(r -> r.startsWith(run)).collect(Collectors.toList());
    }
}
