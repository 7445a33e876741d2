package org.amqpra.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.amqpra.itapps.Results;
import org.amqpra.itapps.client.AdapterCost;
import org.amqpra.testsupport.BrokerLocator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter cost benchmark in WildFly (bench/README.md, "The adapter's own cost"): by default
 * a smoke of it (one short round: every row works and the broker holds what each produced);
 * {@code -Dcost.rounds=7 -Dcost.n=3000 -Dcost.warmup=3000} makes it the measurement. Not an
 * assertion on speed. {@code -Dcost.profile=adapter-tx,mdb} instead records each named row alone
 * with Java Flight Recorder, to {@code it/target/cost-wildfly-<row>.jfr}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdapterCostIT {
    private static final String MANIFEST = "Manifest-Version: 1.0\nDependencies: deployment.amqp-ra.rar\n";

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, new File(System.getProperty("amqpra.rar")));
    }

    @Deployment(name = "cost", order = 2, testable = false)
    static WebArchive cost() {
        return ShrinkWrap.create(WebArchive.class, "cost.war")
                .addClasses(AdapterCost.SERVER_CLASSES.toArray(new Class<?>[0]))
                .addClasses(Results.class) // it-apps
                .addAsWebInfResource("cost-jboss-ejb3.xml", "jboss-ejb3.xml")
                .setManifest(new StringAsset(MANIFEST));
    }

    @Test
    void everyRowRunsInTheServerAndTheReportSplitsTheAdaptersTime(
            @ArquillianResource @OperateOnDeployment("cost") URL base) {
        Map<String, List<AdapterCost.Sample>> samples =
                new AdapterCost(base.toString(), BrokerLocator.uri()).runAsConfigured("wildfly", "jboss-modules.jar");
        for (String row : samples == null ? List.<String>of() : AdapterCost.ROWS) {
            assertTrue(AdapterCost.medianMicros(samples, row) > 0, row);
        }
    }
}
