package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.Results;
import org.amqpra.itapps.client.OperationsProbe;
import org.amqpra.itapps.client.OperationsScenarios;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.BrokerLocator;
import org.amqpra.testsupport.RabbitCtl;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
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
                .addClasses(OperationsScenarios.SERVER_CLASSES.toArray(new Class<?>[0]))
                .addClasses(Results.class) // it-apps
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

    private static OperationsScenarios scenarios(URL base) {
        return new OperationsScenarios(base.toString(), BrokerLocator.uri());
    }

    @Test
    void theBeansCountDeliveriesAndTransactionsExactlyAndTheBrokerNamesEachConnection(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        try (OperationsScenarios s = scenarios(base)) {
            Map<String, String> a = s.beansCountEachOutcome("AmqpDefaultConnectionFactory");
            System.out.println("OPS-BEANS wildfly " + a);
            assertEquals("ops-it.war:OperationsMdb", a.get("Endpoint"));

            String names = RabbitCtl.run("list_connections", "-q", "--no-table-headers", "client_properties");
            assertTrue(names.contains("\"amqp-ra:AmqpDefaultConnectionFactory#1\""), names);
            assertTrue(
                    names.contains("\"amqp-ra:ops-it.war:OperationsMdb\""),
                    "the MDB's connection named after its application and itself: " + names);
            assertTrue(s.probe().count("org.amqpra:type=BrokerConnection,*") >= 4, "three activations' and the pool's");
        }
    }

    @Test
    void pausedOverJmxTheMdbReceivesNothingAndAfterTheResumeEachMessageOnce(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        try (OperationsScenarios s = scenarios(base)) {
            System.out.println("OPS-PAUSE wildfly jmx: " + s.pauseAndResumeOverJmx() + " of 2000 before the pause");
        }
    }

    @Test
    void wildFlysStopDeliveryAndStartDeliveryPauseAndResumeTheMdb(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        try (OperationsScenarios s = scenarios(base)) {
            long before = s.pauseAndResumeWhileMessagesFlow(
                    () -> mdbOperation("PausableMdb", "stop-delivery"),
                    () -> mdbOperation("PausableMdb", "start-delivery"));
            System.out.println("OPS-PAUSE wildfly stop-delivery: " + before + " of 2000 before the pause");
        }
    }

    /** Runs WildFly's management operation {@code operation} on a message-driven bean of the test application. */
    private static void mdbOperation(String bean, String operation) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        ModelNode address = op.get("address");
        address.add("deployment", WAR);
        address.add("subsystem", "ejb3");
        address.add("message-driven-bean", bean);
        Management.execute(op);
    }

    @Test
    void afterThreeFailuresInARowTheMdbPausesItselfAndResumedItProcessesEverything(
            @ArquillianResource @OperateOnDeployment("ops") URL base) throws Exception {
        try (OperationsScenarios s = scenarios(base)) {
            System.out.println("OPS-FRAGILE wildfly " + s.pausesItselfAfterConsecutiveFailures());
        }
    }

    @Test
    void redeployingAnApplicationThreeTimesLeavesNoBeanBehind(@ArquillianResource @OperateOnDeployment("ops") URL base)
            throws Exception {
        OperationsProbe p = new OperationsProbe(base.toString());
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
