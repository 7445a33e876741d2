package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.FragileMdb;
import org.amqpra.itapps.OperationsMdb;
import org.amqpra.itapps.OperationsServlet;
import org.amqpra.itapps.PausableMdb;
import org.amqpra.itapps.Results;
import org.amqpra.itapps.TxPublisherBean;
import org.amqpra.itapps.client.OperationsProbe;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.RabbitCtl;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operating the adapter in WildFly: the MBeans read inside the server (through a servlet
 * querying the platform MBean server) with exact counts, pausing and resuming an MDB over JMX
 * and through WildFly's own {@code stop-delivery}/{@code start-delivery} while 2,000 messages
 * flow, an MDB pausing itself after {@code maxConsecutiveFailures}, the broker naming each
 * connection's owner, and no MBean left behind by redeploys.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {
    private static final String MANIFEST = "Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n";
    private static final String WAR = "ops-it.war";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(System.getProperty("amqpra.rar")));
    }

    @Deployment(name = "ops", order = 2, testable = false)
    static WebArchive ops() {
        return ShrinkWrap.create(WebArchive.class, WAR)
                .addClasses(
                        OperationsMdb.class,
                        PausableMdb.class,
                        FragileMdb.class,
                        TxPublisherBean.class,
                        OperationsServlet.class,
                        Results.class) // it-apps
                .addAsWebInfResource("ops-jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset(MANIFEST));
    }

    @Deployment(name = "redeployed", managed = false, testable = false)
    static JavaArchive redeployed() {
        return ShrinkWrap.create(JavaArchive.class, "redeployed-mdb.jar")
                .addClasses(CountingMdb.class, Results.class)
                .addAsManifestResource("redeploy-jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset(MANIFEST));
    }

    private static OperationsProbe probe(URL base) {
        return new OperationsProbe(base.toString());
    }

    private static String run() {
        return Long.toString(System.nanoTime(), 36);
    }

    @Test
    void theBeansCountDeliveriesAndTransactionsExactlyAndTheBrokerNamesEachConnection(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        OperationsProbe p = probe(base);
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(OperationsMdb.DONE);
            c.resetQueue(OperationsMdb.DLQ);
            String run = run();
            c.publish(OperationsMdb.QUEUE, "poison-" + run, "p", false);
            c.publish(OperationsMdb.QUEUE, "fail-once-" + run, "f", false);
            for (int i = 0; i < 5; i++) {
                c.publish(OperationsMdb.QUEUE, "fine-" + run + "-" + i, "m", false);
            }
            String activation = OperationsProbe.activation(OperationsMdb.QUEUE);
            p.awaitAttribute(activation, "Succeeded", "6");
            p.awaitAttribute(activation, "DeadLettered", "1");
            Map<String, String> a = p.attributes(
                    activation,
                    "Delivered",
                    "Failed",
                    "Redelivered",
                    "State",
                    "Health",
                    "SlotsTotal",
                    "DeliveryTimeCount",
                    "ConnectedNode",
                    "Endpoint");
            assertEquals("ops-it.war:OperationsMdb", a.get("Endpoint"));
            System.out.println("OPS-ACTIVATION " + a);
            // fine: 5 deliveries; fail-once: 2 (one redelivered); poison: 2 (one redelivered), then dead-lettered
            assertEquals("9", a.get("Delivered"));
            assertEquals("3", a.get("Failed"));
            assertEquals("2", a.get("Redelivered"));
            assertEquals("9", a.get("DeliveryTimeCount"));
            assertEquals("DELIVERING", a.get("State"));
            assertEquals("HEALTHY", a.get("Health"));
            assertEquals("1", a.get("SlotsTotal"));
            assertEquals(1, c.depth(OperationsMdb.DLQ));

            String factory = OperationsProbe.factory("AmqpDefaultConnectionFactory");
            Map<String, String> before = p.attributes(factory, "TransactionsCommitted", "TransactionsRolledBack");
            String tx = "amqpra-it.ops.tx";
            c.resetQueue(tx);
            p.publish(tx, "committed-" + run, false);
            p.publish(tx, "rolled-back-" + run, true);
            Map<String, String> after = p.attributes(
                    factory, "TransactionsCommitted", "TransactionsRolledBack", "CommitTimeCount", "Health");
            System.out.println("OPS-FACTORY " + after);
            assertEquals(
                    Long.parseLong(before.get("TransactionsCommitted")) + 1,
                    Long.parseLong(after.get("TransactionsCommitted")));
            assertEquals(
                    Long.parseLong(before.get("TransactionsRolledBack")) + 1,
                    Long.parseLong(after.get("TransactionsRolledBack")));
            assertEquals("HEALTHY", after.get("Health"));
            assertEquals(
                    List.of("committed-" + run),
                    c.drain(tx).stream().map(m -> m.bodyAsString()).toList());
            c.delete(tx);

            String names = RabbitCtl.run("list_connections", "-q", "--no-table-headers", "client_properties");
            assertTrue(names.contains("\"amqp-ra:AmqpDefaultConnectionFactory#1\""), names);
            assertTrue(
                    names.contains("\"amqp-ra:ops-it.war:OperationsMdb\""),
                    "the MDB's connection named after its application and itself: " + names);
            assertTrue(p.count("org.amqpra:type=BrokerConnection,*") >= 4, "three activations' and the pool's");
        }
    }

    @Test
    void pausedOverJmxTheMdbReceivesNothingAndAfterTheResumeEachMessageOnce(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        OperationsProbe p = probe(base);
        String activation = OperationsProbe.activation(PausableMdb.QUEUE);
        pauseAndResumeWhileMessagesFlow(
                () -> {
                    p.invoke(activation, "stopDelivery");
                    assertEquals("PAUSED", p.attributes(activation, "State").get("State"));
                    p.awaitAttribute(activation, "InFlight", "0");
                },
                () -> p.invoke(activation, "startDelivery"));
        assertEquals("DELIVERING", p.attributes(activation, "State").get("State"));
    }

    @Test
    void wildFlysStopDeliveryAndStartDeliveryPauseAndResumeTheMdb() throws Exception {
        pauseAndResumeWhileMessagesFlow(
                () -> mdbOperation("PausableMdb", "stop-delivery"),
                () -> mdbOperation("PausableMdb", "start-delivery"));
    }

    /**
     * Runs a management operation on a message-driven bean of the test application, through the
     * server's management port (10090: port offset 100) as {@code jboss-cli} would, signed on as
     * the local user.
     */
    private static void mdbOperation(String bean, String operation) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        ModelNode address = op.get("address");
        address.add("deployment", WAR);
        address.add("subsystem", "ejb3");
        address.add("message-driven-bean", bean);
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 10090)) {
            ModelNode result = client.execute(op);
            assertEquals("success", result.get("outcome").asString(), result.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 1,000 messages, paused once some are processed; 1,000 more while paused, and a quiet
     * second in which nothing may be processed; resumed: all 2,000 processed, each once.
     */
    private static void pauseAndResumeWhileMessagesFlow(Runnable pause, Runnable resume) throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(PausableMdb.DONE);
            String run = run();
            int n = 2000;
            for (int i = 0; i < n / 2; i++) {
                c.publish(PausableMdb.QUEUE, run + "-a" + i, "m", false);
            }
            Await.until(Duration.ofSeconds(60), "some processed", () -> c.depth(PausableMdb.DONE) >= 100);
            pause.run();
            Await.until(
                    Duration.ofSeconds(30),
                    "no consumer on " + PausableMdb.QUEUE,
                    () -> c.channel()
                                    .queueDeclare(PausableMdb.QUEUE, true, false, false, false, false, null)
                                    .consumerCount()
                            == 0);
            for (int i = 0; i < n / 2; i++) {
                c.publish(PausableMdb.QUEUE, run + "-b" + i, "m", false);
            }
            long processed = c.depth(PausableMdb.DONE);
            Thread.sleep(1000); // a quiet period: nothing may be processed while paused
            assertEquals(processed, c.depth(PausableMdb.DONE), "processed while paused");
            assertEquals(n - processed, c.depth(PausableMdb.QUEUE), "the rest waits in the queue");
            System.out.printf("OPS-PAUSE %d of %d processed before the pause%n", processed, n);

            resume.run();
            List<String> results = c.collect(PausableMdb.DONE, new ArrayList<>(), r -> r.size() >= n, 120);
            assertEquals(n, new HashSet<>(results).size(), "each message processed");
            assertEquals(n, results.size(), "none twice");
            assertTrue(results.stream().allMatch(r -> r.startsWith(run)), "only this run's");
        }
    }

    @Test
    void afterThreeFailuresInARowTheMdbPausesItselfAndResumedItProcessesEverything(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        OperationsProbe p = probe(base);
        String activation = OperationsProbe.activation(FragileMdb.QUEUE);
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(FragileMdb.DONE);
            p.fragile(true);
            String run = run();
            for (int i = 0; i < 10; i++) {
                c.publish(FragileMdb.QUEUE, run + "-" + i, "m", false);
            }
            p.awaitAttribute(activation, "State", "PAUSED");
            Map<String, String> a = p.attributes(activation, "Failed", "PausedReason", "Health", "HealthReason");
            System.out.println("OPS-FRAGILE " + a);
            assertEquals("3", a.get("Failed"));
            assertEquals("DEGRADED", a.get("Health"));
            assertTrue(a.get("PausedReason").contains("maxConsecutiveFailures=3"), a.toString());
            Thread.sleep(500); // a quiet period: paused, it does not try again
            assertEquals("3", p.attributes(activation, "Failed").get("Failed"));
            assertEquals(10, c.depth(FragileMdb.QUEUE), "every message back in the queue");

            p.fragile(false);
            p.invoke(activation, "startDelivery");
            List<String> results = c.collect(FragileMdb.DONE, new ArrayList<>(), r -> r.size() >= 10, 60);
            assertEquals(10, new HashSet<>(results).size());
            assertEquals("HEALTHY", p.attributes(activation, "Health").get("Health"));
        }
    }

    @Test
    void redeployingAnApplicationThreeTimesLeavesNoBeanBehind(@ArquillianResource @OperateOnDeployment("ops") URL base)
            throws Exception {
        OperationsProbe p = probe(base);
        String all = "org.amqpra:*";
        int before = p.count(all);
        for (int i = 0; i < 3; i++) {
            deployer.deploy("redeployed");
            // its activation and that activation's broker connection
            Await.until(Duration.ofSeconds(30), "the application's beans", () -> p.count(all) == before + 2);
            deployer.undeploy("redeployed");
            Await.until(Duration.ofSeconds(30), "the beans gone again", () -> p.count(all) == before);
        }
        assertEquals(before, p.count(all));
    }
}
