package org.amqpra.itpayara;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amqpra.Channel;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.itapps.AuditBean;
import org.amqpra.itapps.BeanManagedPublisherBean;
import org.amqpra.itapps.ConcurrencyMdb;
import org.amqpra.itapps.CountingMdb;
import org.amqpra.itapps.FlakyMdb;
import org.amqpra.itapps.Results;
import org.amqpra.itapps.client.AdapterCost;
import org.amqpra.itapps.client.OperationsScenarios;
import org.amqpra.itpayara.app.ReportingMdb;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Payara Server 6 domain the ITs share, set up the way an operator would with
 * {@code asadmin}: the adapter's broker configuration, the RAR, a connector connection pool
 * (10 connections) and resource, an XA datasource, and the application WAR (EJBs, servlets, MDBs
 * bound to the adapter by {@code glassfish-ejb-jar.xml}). Set up once, before the first test
 * class that uses it ({@code @ExtendWith(PayaraDomain.class)}), and stopped after the last.
 */
final class PayaraDomain implements BeforeAllCallback {
    static final String DOMAIN = "amqpra-it";
    static final String APP = "amqpra-payara-app";
    /** Where the application's publishing beans publish in the tests. */
    static final String OUT = "amqpra-payara.out";

    private static Asadmin asadmin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (PayaraDomain.class) {
            if (asadmin != null) {
                return;
            }
            Asadmin a = new Asadmin(Path.of(System.getProperty("payara.home")));
            setUp(a);
            asadmin = a;
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(PayaraDomain.class.getName(), (ExtensionContext.Store.CloseableResource) () -> {
                        a.attempt("undeploy", APP);
                        a.attempt("stop-domain", DOMAIN);
                    });
        }
    }

    /** The domain's {@code asadmin} (after set-up). */
    static Asadmin asadmin() {
        return asadmin;
    }

    private static void setUp(Asadmin asadmin) throws Exception {
        Path home = Path.of(System.getProperty("payara.home"));
        // the MDBs consume as soon as the application is deployed: their queues start empty
        Channel ch = TestBroker.channel();
        for (String q : List.of(
                OUT,
                ReportingMdb.QUEUE,
                ReportingMdb.DONE,
                FlakyMdb.DONE,
                FlakyMdb.DLQ,
                ReportingMdb.AUDITS,
                ConcurrencyMdb.DONE,
                CountingMdb.DONE)) {
            ch.queueDeclare(q, false, false, false, false, false, null);
            ch.queuePurge(q);
        }
        // the shared MDBs (module it-apps) declare their input queues durable, as in the WildFly suite
        for (String q : List.of(ConcurrencyMdb.QUEUE, CountingMdb.QUEUE, FlakyMdb.QUEUE)) {
            ch.queueDeclare(q, false, true, false, false, false, null);
            ch.queuePurge(q);
        }

        if (!Files.isDirectory(home.resolve("glassfish/domains/" + DOMAIN))) {
            asadmin.run("create-domain", "--portbase", String.valueOf(Asadmin.PORT_BASE), "--nopassword=true", DOMAIN);
        }
        asadmin.attempt("stop-domain", DOMAIN); // left running by an interrupted run
        asadmin.run("start-domain", DOMAIN);
        // Enough request threads for the fifty concurrent callers of the pool test (default 5);
        // the listener takes a new size only after a restart (measured: still 5 callers at once).
        String threads = "configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size";
        if (!asadmin.run("get", threads).contains(threads + "=64")) {
            asadmin.run("set", threads + "=64");
            asadmin.run("restart-domain", DOMAIN);
        }
        // Payara's data grid (Hazelcast) is on by default; -Dpayara.hazelcast=false turns it off,
        // =true on again (it stays as set in this domain): for measuring what it costs
        String dataGrid = System.getProperty("payara.hazelcast");
        if (dataGrid != null) {
            asadmin.run("set-hazelcast-configuration", "--enabled=" + dataGrid, "--dynamic=true");
        }
        asadmin.attempt("undeploy", APP);
        asadmin.attempt("delete-connector-resource", "amqp/DefaultConnectionFactory");
        asadmin.attempt("delete-connector-connection-pool", "amqp-pool");
        asadmin.attempt("undeploy", "amqp-ra");
        asadmin.attempt("delete-resource-adapter-config", "amqp-ra");
        // the broker the tests use (AMQP_URI, or the local one), as an operator sets it
        ConnectionParameters p = ConnectionParameters.fromUri(TestBroker.uri());
        String[] user = URI.create(TestBroker.uri().replaceFirst("^amqps?:", "http:"))
                .getUserInfo()
                .split(":", 2);
        asadmin.run(
                "create-resource-adapter-config",
                "--property",
                "Host=" + p.host() + ":Port=" + p.port() + ":UserName=" + user[0] + ":Password=" + user[1],
                "amqp-ra");
        asadmin.run("deploy", System.getProperty("amqpra.rar"));
        asadmin.run(
                "create-connector-connection-pool",
                "--raname",
                "amqp-ra",
                "--connectiondefinition",
                "org.amqpra.AmqpConnectionFactory",
                "--transactionsupport",
                "LocalTransaction",
                "--maxpoolsize",
                "10",
                // at first use, not when handed out: an MDB's publishes then commit with its delivery
                // in one phase (without: 1,900-2,400 against 4,800-5,600 deliveries/s, and a warning)
                "--lazyconnectionenlistment=true",
                "--property",
                "PoolName=amqp-pool", // names its broker connections and its MBean
                "amqp-pool");
        asadmin.run("create-connector-resource", "--poolname", "amqp-pool", "amqp/DefaultConnectionFactory");
        asadmin.attempt("delete-jdbc-resource", "jdbc/amqpra-xa");
        asadmin.attempt("delete-jdbc-connection-pool", "amqpra-xa-pool");
        asadmin.run(
                "create-jdbc-connection-pool",
                "--datasourceclassname",
                "org.h2.jdbcx.JdbcDataSource",
                "--restype",
                "javax.sql.XADataSource",
                "--property",
                "url=jdbc\\:h2\\:mem\\:amqpra;DB_CLOSE_DELAY\\=-1",
                "amqpra-xa-pool");
        asadmin.run("create-jdbc-resource", "--connectionpoolid", "amqpra-xa-pool", "jdbc/amqpra-xa");
        List<Class<?>> shared = new ArrayList<>(List.of(
                CountingMdb.class,
                ConcurrencyMdb.class,
                FlakyMdb.class,
                AuditBean.class,
                BeanManagedPublisherBean.class,
                Results.class));
        shared.addAll(OperationsScenarios.SERVER_CLASSES);
        shared.addAll(AdapterCost.SERVER_CLASSES);
        Path war = WarBuilder.build(
                Path.of(System.getProperty("app.classes")),
                "org/amqpra/itpayara/app",
                "app",
                Files.createTempDirectory("amqpra-payara").resolve(APP + ".war"),
                shared.toArray(new Class<?>[0]));
        asadmin.run("deploy", "--name", APP, "--contextroot", APP, war.toString());
    }

    /** GET {@code path} of the application. */
    static HttpResponse<String> get(String path) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of {@code path} of the application, to send with a client of the caller's own. */
    static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Asadmin.HTTP_PORT + "/" + APP + path))
                .timeout(Duration.ofSeconds(60))
                .build();
    }
}
