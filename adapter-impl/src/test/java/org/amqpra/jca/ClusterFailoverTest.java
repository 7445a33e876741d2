package org.amqpra.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpException;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.AddressOrder;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.inbound.AmqpActivationSpec;
import org.amqpra.jca.outbound.AmqpManagedConnectionFactory;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.DeliveryLog;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.RabbitCluster;
import org.amqpra.testsupport.ThreadContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Failover on a real three-node RabbitMQ cluster, started and stopped by this class
 * ({@link RabbitCluster}): the client skips a node that is down and moves to another when its
 * node stops; an activation consuming a quorum queue moves to another node in the middle of a
 * stream and the pool publishes again, nothing lost. Failover times are printed.
 */
@Tag("broker")
@Tag("cluster")
class ClusterFailoverTest {
    private static RabbitCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RabbitCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ConnectionParameters.Builder ordered() {
        return ConnectionParameters.builder()
                .addresses(cluster.addresses())
                .addressOrder(AddressOrder.ORDERED)
                .connectTimeout(Duration.ofSeconds(5));
    }

    /** The node (1 to 3) the broker connection named {@code connectionName} is on. */
    private static int nodeOf(String connectionName) {
        // port: the node's listener the connection came in on (list_connections covers every node)
        for (String line : cluster.ctl(1, "list_connections", "-q", "--no-table-headers", "port", "client_properties")
                .split("\n")) {
            if (line.contains("{\"connection_name\",\"" + connectionName + "\"}")) {
                return RabbitCluster.nodeOfPort(Integer.parseInt(line.trim().split("\t")[0]));
            }
        }
        throw new AssertionError("no connection named " + connectionName + " on the cluster");
    }

    @Test
    void aNodeThatIsDownIsSkippedAndTheConnectionSaysWhichNodeItReached() {
        cluster.stopApp(1);
        try (Connection c = Connection.open(ordered().build())) {
            assertEquals(RabbitCluster.PORTS[1], c.connectedAddress().port(), "node 1 is down: node 2 next in order");
            assertNotNull(c.clusterName());
        } finally {
            cluster.startApp(1);
        }
    }

    @Test
    void aClientWhoseNodeStopsReconnectsToAnotherAndTheQuorumQueueKeepsItsMessages() throws Exception {
        String queue = Names.unique("cluster-client");
        int n = 500;
        Connection c = Connection.open(ordered().build());
        int node = RabbitCluster.nodeOfPort(c.connectedAddress().port());
        Channel ch = c.channel();
        ch.queueDeclare(queue, false, true, false, false, false, Map.of("x-queue-type", "quorum"));
        ch.confirmSelect();
        for (int i = 0; i < n; i++) {
            ch.basicPublishAsync(
                    Message.builder("m" + i).messageId("m" + i).persistent().build(), "", queue);
        }
        assertTrue(ch.waitForConfirms(Duration.ofSeconds(30)));
        long t0 = System.nanoTime();
        cluster.stopApp(node);
        try {
            Await.until(Duration.ofSeconds(30), "the connection to the stopped node ends", () -> !c.isConnected());
            Connection again = Await.value(
                    Duration.ofSeconds(60), "a connection to another node", () -> reconnect(c), r -> r != null);
            long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            int reached = RabbitCluster.nodeOfPort(again.connectedAddress().port());
            again.close();
            assertNotEquals(node, reached);
            // Until the queue's new leader is elected, basic.get may fail with 541 (noproc), which
            // ends the connection: take the messages over fresh connections until all are read.
            Set<String> ids = new HashSet<>();
            Await.until(Duration.ofSeconds(60), "every message read back", () -> drainInto(queue, ids, n));
            System.out.printf(
                    "CLUSTER-CLIENT-FAILOVER node %d stopped, reconnected to node %d in %d ms; %d of %d messages kept%n",
                    node, reached, failoverMillis, ids.size(), n);
            assertEquals(n, ids.size(), "every confirmed message is still in the quorum queue");
            try (Connection c3 = Connection.open(ordered().build())) {
                c3.channel().queueDelete(queue);
            }
        } finally {
            cluster.startApp(node);
        }
    }

    /** Reads {@code queue} into {@code ids} over a new connection; true once {@code n} are read. */
    private static boolean drainInto(String queue, Set<String> ids, int n) {
        try (Connection c = Connection.open(ordered().build())) {
            Channel ch = c.channel();
            Message m;
            while (ids.size() < n && (m = ch.basicGet(queue, true)) != null) {
                ids.add(m.messageId());
            }
        } catch (AmqpException notYet) {
            // the queue's leader is not elected yet: try again
        }
        return ids.size() >= n;
    }

    private static Connection reconnect(Connection c) {
        try {
            return c.reconnect();
        } catch (RuntimeException notYet) {
            return null;
        }
    }

    @Test
    void anActivationOnAQuorumQueueMovesToAnotherNodeMidStreamAndThePoolPublishesAgain() throws Exception {
        String queue = Names.unique("cluster-mdb");
        int n = 2_000;
        ThreadContainer container = new ThreadContainer();
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setAddresses(cluster.addresses());
        ra.setHeartbeatSeconds(2);
        ra.setRpcTimeoutMillis(10_000);
        ra.setConnectTimeoutMillis(5_000);
        ra.start(container);
        AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        DeliveryLog processed = new DeliveryLog();
        AtomicLong stoppedAt = new AtomicLong();
        MessageEndpointFactory endpoints = ThreadContainer.endpoints(m -> {
            processed.record(m);
            DeliveryLog.work(10); // a stream that lasts past the node's stop
        });
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setResourceAdapter(ra);
        spec.setQueue(queue);
        spec.setDeclare(true);
        spec.setQueueType("quorum");
        spec.setMaxConcurrency(2);
        spec.setPrefetch(20);
        spec.setReconnectInitialDelayMillis(200);
        int node = 0;
        try {
            ra.endpointActivation(endpoints, spec);
            AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
            Await.until(Duration.ofSeconds(30), "the activation declared its queue", () -> declared(cf, queue));
            try (AmqpConnection c = cf.getConnection()) {
                Channel ch = c.channel(); // confirmed: each publish is on the cluster when it returns
                for (int i = 0; i < n; i++) {
                    ch.basicPublish(
                            Message.builder("m" + i)
                                    .messageId("m" + i)
                                    .persistent()
                                    .build(),
                            "",
                            queue);
                }
            }
            Await.until(Duration.ofSeconds(60), "a quarter processed", () -> processed.distinct() >= n / 4);
            node = nodeOf("amqp-ra:test-endpoint");
            stoppedAt.set(System.nanoTime());
            cluster.stopApp(node);
            int atStop = processed.distinct();
            assertTrue(atStop < n, "the node stopped mid-stream: " + atStop + " of " + n + " processed");
            Await.until(Duration.ofSeconds(120), "every message processed", () -> processed.distinct() == n);
            try (AmqpConnection c = cf.getConnection()) {
                c.channel()
                        .basicPublish(
                                Message.builder("after").messageId("after").build(), "", queue);
            }
            Await.until(
                    Duration.ofSeconds(30), "the pool's publish after the stop", () -> processed.attempts("after") > 0);
            try (AmqpConnection c = cf.getConnection()) {
                c.channel().queueDelete(queue);
            }
            int duplicates = processed.duplicates();
            long failoverMillis = processed.resumedAfter(stoppedAt.get());
            System.out.printf(
                    "CLUSTER-MDB-FAILOVER node %d stopped mid-stream; deliveries resumed %d ms after the stop;"
                            + " sent=%d processed=%d lost=%d duplicates=%d redelivered=%d%n",
                    node,
                    failoverMillis,
                    n,
                    processed.distinct() - 1,
                    n + 1 - processed.distinct(),
                    duplicates,
                    processed.redelivered());
            assertEquals(n + 1, processed.distinct(), "none lost");
            assertTrue(duplicates <= processed.redelivered(), "duplicates only as redeliveries");
        } finally {
            ra.endpointDeactivation(endpoints, spec);
            if (node != 0) {
                cluster.startApp(node);
            }
            mcf.closeBrokerConnections();
            ra.stop();
            container.close();
        }
    }

    private static boolean declared(AmqpConnectionFactory cf, String queue) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().queueDeclare(queue, true, false, false, false, false, null);
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
