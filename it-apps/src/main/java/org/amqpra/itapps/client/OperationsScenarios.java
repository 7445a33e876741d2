package org.amqpra.itapps.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.itapps.FragileMdb;
import org.amqpra.itapps.HealthServlet;
import org.amqpra.itapps.OperationsMdb;
import org.amqpra.itapps.OperationsServlet;
import org.amqpra.itapps.PausableMdb;
import org.amqpra.itapps.TxPublisherBean;

/**
 * The operations scenarios both server suites run against a deployed {@code OperationsServlet}
 * and its MDBs: exact counts in the beans, pause and resume while messages flow, a pause after
 * {@code maxConsecutiveFailures}. The broker side is checked on a plain connection of its own.
 */
public final class OperationsScenarios implements AutoCloseable {
    /** What the server side of these scenarios needs in the application (with {@code Results}). */
    public static final List<Class<?>> SERVER_CLASSES = List.of(
            OperationsMdb.class,
            PausableMdb.class,
            FragileMdb.class,
            TxPublisherBean.class,
            OperationsServlet.class,
            HealthServlet.class);

    private final OperationsProbe probe;
    private final Connection connection;
    private final Channel ch;

    /** Scenarios against the application at {@code base}, checked on the broker at {@code brokerUri}. */
    public OperationsScenarios(String base, String brokerUri) {
        this.probe = new OperationsProbe(base);
        this.connection = Connection.open(ConnectionParameters.fromUri(brokerUri));
        this.ch = connection.channel();
    }

    /** The probe of the application's beans. */
    public OperationsProbe probe() {
        return probe;
    }

    private static String run() {
        return Long.toString(System.nanoTime(), 36);
    }

    private void reset(String q) {
        ch.queueDeclare(q, false, false, false, false, false, null);
        ch.queuePurge(q);
    }

    private void publish(String q, String id) {
        ch.basicPublish(Message.builder("m").messageId(id).build(), "", q);
    }

    private long depth(String q) {
        return ch.queueDeclare(q, true, false, false, false, false, null).messageCount();
    }

    private long consumers(String q) {
        return ch.queueDeclare(q, true, false, false, false, false, null).consumerCount();
    }

    /** Takes the bodies from {@code q} until {@code n} are there (at most {@code seconds}). */
    private List<String> collect(String q, int n, int seconds) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (out.size() < n && System.nanoTime() < deadline) {
            Message m = ch.basicGet(q, true);
            if (m == null) {
                TimeUnit.MILLISECONDS.sleep(20);
            } else {
                out.add(m.bodyAsString());
            }
        }
        return out;
    }

    private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * Five good messages, one failing once and one poison through {@link OperationsMdb}
     * (one redelivery, then dead-lettered): the activation's bean counts each outcome exactly;
     * a transaction through the factory committed and one rolled back count one each.
     *
     * @return the activation's attributes, for the report
     */
    public Map<String, String> beansCountEachOutcome(String pool) throws InterruptedException {
        reset(OperationsMdb.DONE);
        reset(OperationsMdb.DLQ);
        String run = run();
        publish(OperationsMdb.QUEUE, "poison-" + run);
        publish(OperationsMdb.QUEUE, "fail-once-" + run);
        for (int i = 0; i < 5; i++) {
            publish(OperationsMdb.QUEUE, "fine-" + run + "-" + i);
        }
        String activation = OperationsProbe.activation(OperationsMdb.QUEUE);
        probe.awaitAttribute(activation, "Succeeded", "6");
        probe.awaitAttribute(activation, "DeadLettered", "1");
        Map<String, String> a = probe.attributes(
                activation,
                "Endpoint",
                "Delivered",
                "Succeeded",
                "Failed",
                "Redelivered",
                "DeadLettered",
                "State",
                "Health",
                "SlotsTotal",
                "DeliveryTimeCount",
                "DeliveryTimeP50Millis",
                "ConnectedNode");
        // fine: 5 deliveries; fail-once: 2 (one redelivered); poison: 2 (one redelivered), then dead-lettered
        assertEquals("9", a.get("Delivered"));
        assertEquals("3", a.get("Failed"));
        assertEquals("2", a.get("Redelivered"));
        assertEquals("9", a.get("DeliveryTimeCount"));
        assertEquals("DELIVERING", a.get("State"));
        assertEquals("HEALTHY", a.get("Health"));
        assertEquals("1", a.get("SlotsTotal"));
        assertEquals(1, depth(OperationsMdb.DLQ));
        List<String> done = collect(OperationsMdb.DONE, 6, 30);
        assertEquals(6, done.size());
        assertTrue(
                done.stream().allMatch(r -> r.endsWith("|true")),
                "onMessage ran with the bean's context loader: " + done);

        String factory = OperationsProbe.factory(pool);
        Map<String, String> before = probe.attributes(factory, "TransactionsCommitted", "TransactionsRolledBack");
        String tx = "amqpra-it.ops.tx";
        reset(tx);
        probe.publish(tx, "committed-" + run, false);
        probe.publish(tx, "rolled-back-" + run, true);
        Map<String, String> after = probe.attributes(
                factory, "TransactionsCommitted", "TransactionsRolledBack", "CommitTimeCount", "Health");
        assertEquals(
                Long.parseLong(before.get("TransactionsCommitted")) + 1,
                Long.parseLong(after.get("TransactionsCommitted")));
        assertEquals(
                Long.parseLong(before.get("TransactionsRolledBack")) + 1,
                Long.parseLong(after.get("TransactionsRolledBack")));
        assertEquals("HEALTHY", after.get("Health"));
        assertEquals(List.of("committed-" + run), collect(tx, 1, 10));
        assertEquals(0, depth(tx), "nothing of the rolled-back transaction");
        ch.queueDelete(tx);
        a.putAll(after);
        return a;
    }

    /**
     * 1,000 messages to {@link PausableMdb}, paused once some are processed; 1,000 more while
     * paused, and a quiet second in which nothing may be processed; resumed: all 2,000
     * processed, each once.
     *
     * @return how many were processed before the pause
     */
    public long pauseAndResumeWhileMessagesFlow(Runnable pause, Runnable resume) throws InterruptedException {
        reset(PausableMdb.DONE);
        String run = run();
        int n = 2000;
        for (int i = 0; i < n / 2; i++) {
            publish(PausableMdb.QUEUE, run + "-a" + i);
        }
        await("some processed", 60, () -> depth(PausableMdb.DONE) >= 100);
        pause.run();
        await("no consumer on " + PausableMdb.QUEUE, 30, () -> consumers(PausableMdb.QUEUE) == 0);
        for (int i = 0; i < n / 2; i++) {
            publish(PausableMdb.QUEUE, run + "-b" + i);
        }
        long processed = depth(PausableMdb.DONE);
        Thread.sleep(1000); // a quiet period: nothing may be processed while paused
        assertEquals(processed, depth(PausableMdb.DONE), "processed while paused");
        assertEquals(n - processed, depth(PausableMdb.QUEUE), "the rest waits in the queue");

        resume.run();
        List<String> results = collect(PausableMdb.DONE, n, 120);
        assertEquals(n, new HashSet<>(results).size(), "each message processed");
        assertEquals(n, results.size(), "none twice");
        assertTrue(results.stream().allMatch(r -> r.startsWith(run)), "only this run's");
        Thread.sleep(200); // a quiet period: no late duplicate
        assertEquals(0, depth(PausableMdb.DONE), "no duplicate after the last");
        return processed;
    }

    /** Pause and resume of {@link PausableMdb} through its MBean's operations. */
    public long pauseAndResumeOverJmx() throws InterruptedException {
        String activation = OperationsProbe.activation(PausableMdb.QUEUE);
        long processed = pauseAndResumeWhileMessagesFlow(
                () -> {
                    probe.invoke(activation, "stopDelivery");
                    assertEquals("PAUSED", probe.attributes(activation, "State").get("State"));
                    probe.awaitAttribute(activation, "InFlight", "0");
                },
                () -> probe.invoke(activation, "startDelivery"));
        assertEquals("DELIVERING", probe.attributes(activation, "State").get("State"));
        return processed;
    }

    /**
     * {@link FragileMdb} failing everything pauses itself after three failures in a row; with the
     * fault fixed and delivery resumed over JMX, every message is processed once.
     *
     * @return the activation's attributes while paused, for the report
     */
    public Map<String, String> pausesItselfAfterConsecutiveFailures() throws InterruptedException {
        String activation = OperationsProbe.activation(FragileMdb.QUEUE);
        reset(FragileMdb.DONE);
        probe.fragile(true);
        String run = run();
        for (int i = 0; i < 10; i++) {
            publish(FragileMdb.QUEUE, run + "-" + i);
        }
        probe.awaitAttribute(activation, "State", "PAUSED");
        Map<String, String> a = probe.attributes(activation, "Failed", "PausedReason", "Health", "HealthReason");
        assertEquals("3", a.get("Failed"));
        assertEquals("DEGRADED", a.get("Health"));
        assertTrue(a.get("PausedReason").contains("maxConsecutiveFailures=3"), a.toString());
        String probeWhilePaused = probe.health();
        assertTrue(probeWhilePaused.startsWith("503 "), "the readiness probe fails: " + probeWhilePaused);
        assertTrue(lineOf(probeWhilePaused, FragileMdb.QUEUE).contains(" DEGRADED delivery paused"), probeWhilePaused);
        Thread.sleep(500); // a quiet period: paused, it does not try again
        assertEquals("3", probe.attributes(activation, "Failed").get("Failed"));
        assertEquals(10, depth(FragileMdb.QUEUE), "every message back in the queue");

        probe.fragile(false);
        probe.invoke(activation, "startDelivery");
        List<String> results = collect(FragileMdb.DONE, 10, 60);
        assertEquals(10, new HashSet<>(results).size());
        assertEquals("HEALTHY", probe.attributes(activation, "Health").get("Health"));
        String probeAfter = probe.health();
        assertTrue(lineOf(probeAfter, FragileMdb.QUEUE).contains(" HEALTHY"), probeAfter);
        return a;
    }

    /** The readiness probe's line of the activation consuming {@code queue}. */
    private static String lineOf(String health, String queue) {
        for (String line : health.split("\n")) {
            if (line.contains("queue=\"" + queue + "\"")) {
                return line;
            }
        }
        throw new AssertionError("no line of " + queue + " in " + health);
    }

    @Override
    public void close() {
        connection.close();
    }
}
