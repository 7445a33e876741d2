package org.amqpra.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amqpra.it.leak.LoaderProbeServlet;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.Results;
import org.amqpra.testsupport.Await;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redeploying the adapter leaves no class loader of it behind: three times the RAR and an MDB
 * application using it are deployed, given messages (so that the WorkManager's threads run the
 * adapter's work), and undeployed; then, after full GCs, the JVM holds no loader of the RAR or
 * of the application ({@code jcmd VM.classloaders} read inside the server).
 *
 * <p>An idle WildFly worker thread keeps its last task in a stack frame; that task references the
 * Work and the deployment's work manager, which references the adapter. So the adapter hands
 * WildFly work of a class of the Connectors API, submitted with a neutral context class loader,
 * and takes itself out of its work manager at stop (docs/operating.md has the heap paths). The
 * JDK's bean-info caches keep the adapter's classes softly: the server runs with
 * {@code SoftRefLRUPolicyMSPerMB=0} (arquillian.xml) so that one GC clears them, as memory
 * pressure would. With {@code -Dheapdump=<file>} the test leaves a heap dump of the end state.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdapterRedeployIT {
    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "probe", order = 1, testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "loader-probe.war").addClass(LoaderProbeServlet.class);
    }

    @Deployment(name = "rar", managed = false, testable = false)
    static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(System.getProperty("amqpra.rar")));
    }

    @Deployment(name = "app", managed = false, testable = false)
    static JavaArchive app() {
        return ShrinkWrap.create(JavaArchive.class, "redeployed-app.jar")
                .addClasses(CountingMdb.class, Results.class)
                .addAsManifestResource("redeploy-jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n"));
    }

    /** Loaders the JVM holds whose name mentions {@code deployment}. */
    private static List<String> loadersOf(String loaders, String deployment) {
        List<String> out = new ArrayList<>();
        for (String line : loaders.split("\n")) {
            if (line.contains(deployment)) {
                out.add(line.trim());
            }
        }
        return out;
    }

    @Test
    void afterThreeRedeploysNoLoaderOfTheAdapterOrTheApplicationRemains(
            @ArquillianResource @OperateOnDeployment("probe") URL probe) throws Exception {
        // Loaders left by the test classes that ran before in this server (an idle Undertow
        // thread keeps an application's last request, and so the application and the adapter
        // classes it linked) are not this test's: it counts what its redeploys add.
        HttpClient http = HttpClient.newHttpClient();
        String before = loaders(http, probe, null);
        int adapterBefore = loadersOf(before, "amqp-ra.rar").size();
        redeployThreeTimes();
        String[] after = {""};
        try {
            Await.until(
                    Duration.ofSeconds(60),
                    "no more loaders of the adapter than before, none of the application",
                    () -> {
                        after[0] = loaders(http, probe, null);
                        return loadersOf(after[0], "amqp-ra.rar").size() <= adapterBefore
                                && loadersOf(after[0], "redeployed-app.jar").isEmpty();
                    });
        } finally {
            if (System.getProperty("heapdump") != null) {
                loaders(http, probe, System.getProperty("heapdump")); // the end state, for analysis
            }
            System.out.println("LOADERS-LEFT before=" + adapterBefore + " adapter=" + loadersOf(after[0], "amqp-ra.rar")
                    + " application=" + loadersOf(after[0], "redeployed-app.jar"));
        }
    }

    private static String loaders(HttpClient http, URL probe, String dump) {
        try {
            return http.send(
                            HttpRequest.newBuilder(
                                            URI.create(probe + "loaders" + (dump == null ? "" : "?dump=" + dump)))
                                    .timeout(Duration.ofSeconds(120))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void redeployThreeTimes() throws Exception {
        try (BrokerClient c = new BrokerClient()) {
            c.resetQueue(CountingMdb.DONE);
            for (int round = 0; round < 3; round++) {
                deployer.deploy("rar");
                deployer.deploy("app");
                for (int i = 0; i < 50; i++) {
                    c.publish(CountingMdb.QUEUE, "redeploy-" + round + "-" + i, "m", false);
                }
                c.collect(CountingMdb.DONE, new ArrayList<>(), r -> r.size() >= 50, 60);
                deployer.undeploy("app");
                deployer.undeploy("rar");
            }
        }
    }
}
