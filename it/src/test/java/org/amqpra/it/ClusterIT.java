package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amqpra.AmqpException;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.it.cluster.ClusterMdb;
import org.amqpra.it.cluster.ClusterPublishServlet;
import org.amqpra.it.cluster.ClusterPublisherBean;
import org.amqpra.itapps.Results;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.RabbitCluster;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * WildFly against a real three-node RabbitMQ cluster (started and stopped here): the adapter
 * configured with the nodes' list ({@code -Damqpra.addresses}), an MDB consuming a quorum queue
 * its activation declares, 10,000 persistent messages published through the pool in
 * transactions; the node the activation is on is stopped mid-stream, then (5,000 more) the node
 * that leads the queue when that is another one. Every message processed, duplicates only as
 * redeliveries, the pool publishes again without a server restart, and the time from each stop
 * to the deliveries' resumption is printed.
 */
class ClusterIT {
    private static final String APP = "cluster-app.war";

    @Test
    void anMdbOnAQuorumQueueLosesNothingWhenItsNodeStopsAndThePoolPublishesAgain() throws Exception {
        int n = 10_000;
        Path target = Path.of("target");
        Path app = StandaloneWildFly.export(
                ShrinkWrap.create(WebArchive.class, APP)
                        .addClasses(
                                ClusterMdb.class,
                                ClusterPublisherBean.class,
                                ClusterPublishServlet.class,
                                Results.class),
                target);
        String run = Long.toString(System.nanoTime(), 36);
        try (RabbitCluster cluster = RabbitCluster.start();
                StandaloneWildFly server = new StandaloneWildFly(Path.of(System.getProperty("jboss.home")), target)) {
            ConnectionParameters nodes = ConnectionParameters.builder()
                    .addresses(cluster.addresses())
                    .build();
            try (Connection c = Connection.open(nodes)) {
                Channel ch = c.channel();
                ch.queueDeclare(ClusterMdb.QUEUE, false, true, false, false, false, Map.of("x-queue-type", "quorum"));
                ch.queueDeclare(ClusterMdb.DONE, false, true, false, false, false, Map.of("x-queue-type", "quorum"));
            }
            server.deploy(new File(System.getProperty("amqpra.rar")).toPath(), "amqp-ra.rar");
            server.deploy(app, APP);
            server.start("-Damqpra.addresses=" + cluster.addresses());
            server.awaitDeployed(APP, Duration.ofSeconds(180));

            int activation = activationNode(cluster);
            int leader = leaderNode(cluster, ClusterMdb.QUEUE);
            stopMidStream(
                    server,
                    cluster,
                    nodes,
                    run + "a",
                    n,
                    activation,
                    "the MDB's" + (activation == leader ? " and the queue leader's" : ""));
            int leaderNow = leaderNode(cluster, ClusterMdb.QUEUE);
            int activationNow = activationNode(cluster);
            if (leaderNow != activationNow) {
                stopMidStream(server, cluster, nodes, run + "b", n / 2, leaderNow, "the queue leader's, not the MDB's");
            } else {
                System.out.printf(
                        "CLUSTER-WILDFLY the leader is again the MDB's node (%d): no separate leader stop%n",
                        leaderNow);
            }
        }
    }

    /**
     * Publishes {@code n} messages through the pool (transactions of 100), stops {@code node}
     * once a quarter is processed, publishes 10 more through the pool, and checks that every one
     * was processed, duplicates only as redeliveries; starts the node again at the end.
     */
    private static void stopMidStream(
            StandaloneWildFly server,
            RabbitCluster cluster,
            ConnectionParameters nodes,
            String run,
            int n,
            int node,
            String whose)
            throws Exception {
        assertEquals(
                "ok",
                server.get("/cluster-app/publish?prefix=" + run + "&n=" + n + "&batch=100")
                        .body());
        List<String> done = new ArrayList<>();
        collect(nodes, done, run, n / 4, 120);
        long stopAt = System.currentTimeMillis();
        cluster.stopApp(node);
        try {
            int atStop = mine(done, run).size();
            // the pool publishes again (its connection may have been on the stopped node); a
            // failed attempt's transaction may still have committed, so each uses its own ids
            int[] attempt = {0};
            String after = Await.value(
                    Duration.ofSeconds(60),
                    "the pool publishing after the stop",
                    () -> {
                        attempt[0]++;
                        try {
                            return server.get("/cluster-app/publish?prefix=" + run + "-after" + attempt[0]
                                            + "&n=10&batch=10")
                                    .body();
                        } catch (Exception e) {
                            return e.toString();
                        }
                    },
                    "ok"::equals);
            assertEquals("ok", after);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < n; i++) {
                expected.add(run + "-" + i);
            }
            for (int i = 0; i < 10; i++) {
                expected.add(run + "-after" + attempt[0] + "-" + i);
            }
            collect(nodes, done, run, n + 10, 240);
            Reports reports = new Reports(mine(done, run), expected::contains);
            System.out.printf(
                    "CLUSTER-WILDFLY node %d (%s) stopped with %d of %d reported; deliveries resumed %d ms after the"
                            + " stop; processed=%d lost=%d duplicates=%d; the pool published again%n",
                    node,
                    whose,
                    atStop,
                    n,
                    resumedAfter(stopAt, mine(done, run)),
                    reports.processed(),
                    expected.size() - reports.processed(),
                    reports.duplicates());
            assertEquals(expected, reports.byId().keySet(), "none lost");
        } finally {
            cluster.startApp(node);
        }
    }

    /** The node (1 to 3) that leads quorum queue {@code queue}. */
    private static int leaderNode(RabbitCluster cluster, String queue) {
        String all = cluster.ctl(1, "list_queues", "-q", "--no-table-headers", "name", "leader");
        for (String line : all.split("\n")) {
            String[] nameAndLeader = line.trim().split("\t");
            if (nameAndLeader.length == 2 && nameAndLeader[0].equals(queue)) {
                return Integer.parseInt(nameAndLeader[1].substring("amqpra".length(), "amqpra".length() + 1));
            }
        }
        throw new AssertionError("no leader of " + queue + ":\n" + all);
    }

    /**
     * The node (1 to 3) of the MDB activation's broker connection: named {@code amqp-ra:<activation
     * name>} (the pool's are {@code amqp-ra:AmqpDefaultConnectionFactory#n}), the only such connection here.
     */
    private static int activationNode(RabbitCluster cluster) {
        String all = cluster.ctl(1, "list_connections", "-q", "--no-table-headers", "port", "client_properties");
        for (String line : all.split("\n")) {
            if (line.contains("{\"connection_name\",\"amqp-ra:")
                    && !line.contains("amqp-ra:AmqpDefaultConnectionFactory#")) {
                return RabbitCluster.nodeOfPort(Integer.parseInt(line.trim().split("\t")[0]));
            }
        }
        throw new AssertionError("no activation connection on the cluster:\n" + all);
    }

    /**
     * Reads the MDB's reports into {@code into} until {@code atLeast} of this run's are there, over
     * a new connection whenever one ends (a quorum queue answers basic.get with 541 while its
     * leader is elected).
     */
    private static void collect(ConnectionParameters nodes, List<String> into, String run, int atLeast, int seconds) {
        Await.until(Duration.ofSeconds(seconds), atLeast + " reports", () -> {
            try (Connection c = Connection.open(nodes)) {
                Channel ch = c.channel();
                Message m;
                while (mine(into, run).size() < atLeast && (m = ch.basicGet(ClusterMdb.DONE, true)) != null) {
                    into.add(m.bodyAsString());
                }
            } catch (AmqpException notNow) {
                // a node going or a leader being elected: next round
            }
            return mine(into, run).size() >= atLeast;
        });
    }

    /**
     * Milliseconds from {@code stopAt} to the first processing after the longest pause that
     * followed it, from the reports' processing times: the outage as the MDB saw it.
     */
    private static long resumedAfter(long stopAt, List<String> reports) {
        List<Long> times = new ArrayList<>();
        for (String r : reports) {
            long t = Long.parseLong(r.substring(r.lastIndexOf('|') + 1));
            if (t >= stopAt) {
                times.add(t);
            }
        }
        Collections.sort(times);
        long previous = stopAt;
        long longestGap = -1;
        long resumed = -1;
        for (long t : times) {
            if (t - previous > longestGap) {
                longestGap = t - previous;
                resumed = t;
            }
            previous = t;
        }
        return resumed < 0 ? -1 : resumed - stopAt;
    }

    private static List<String> mine(List<String> reports, String run) {
        List<String> out = new ArrayList<>();
        for (String r : reports) {
            if (r.startsWith(run)) {
                out.add(r);
            }
        }
        return out;
    }
}
