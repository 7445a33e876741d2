package org.amqpra.itapps;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * The server side of the adapter cost benchmark: {@code GET /amqpra-cost?row=R&n=N&broker=URI}
 * runs one row {@code N} times inside the server and answers {@code nanos=<wall> cpu=<process
 * CPU nanos>}, after checking that the broker holds what the row should have produced (500
 * otherwise). Rows: {@code floor} (an empty CMT bean call), {@code adapter-tx} (a CMT bean
 * publishing through the factory), {@code raw-tx} (the raw client: publish + tx.commit on its
 * own connection), {@code mdb} ({@link CostMdb}: a delivery with a reply in its transaction),
 * {@code plain-consumer} (the raw client consuming: publish reply + ack + tx.commit per message),
 * {@code adapter-confirm} (a bean outside transactions publishing through the factory, confirmed)
 * and {@code raw-confirm} (the raw client: publish + waitForConfirms). The timed part is the
 * row's work alone: connections are opened and queues emptied before the clock starts.
 */
@WebServlet("/amqpra-cost")
public class CostServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Where the publish rows publish. */
    public static final String PUBLISHED = "amqpra-cost.published";
    /** The plain consumer's input queue. */
    public static final String PLAIN = "amqpra-cost.plain";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @EJB
    private CostFloorBean floor;

    @EJB
    private CostPublisherBean publisher;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String row = req.getParameter("row");
        int n = Integer.parseInt(req.getParameter("n"));
        resp.setContentType("text/plain");
        try (Connection admin = Connection.open(ConnectionParameters.fromUri(req.getParameter("broker")))) {
            Channel ch = admin.channel();
            for (String q : new String[] {PUBLISHED, PLAIN, CostMdb.OUT}) {
                ch.queueDeclare(q, false, false, false, false, false, null);
                ch.queuePurge(q);
            }
            long[] measured = run(row, n, req.getParameter("broker"), ch);
            resp.getWriter()
                    .print("nanos=" + measured[0] + " cpu=" + measured[1] + " sys=" + measured[2] + " switches="
                            + measured[3]);
        } catch (IllegalArgumentException | IllegalStateException | InterruptedException e) {
            resp.sendError(500, row + ": " + e);
        }
    }

    private long[] run(String row, int n, String broker, Channel admin) throws InterruptedException, IOException {
        Message m = Message.builder("cost").build();
        switch (row) {
            case "floor":
                return timed(() -> {
                    for (int i = 0; i < n; i++) {
                        floor.nothing();
                    }
                });
            case "adapter-tx":
                return expect(admin, PUBLISHED, n, timed(() -> {
                    for (int i = 0; i < n; i++) {
                        publisher.publishInTransaction(PUBLISHED, m);
                    }
                }));
            case "adapter-confirm":
                return expect(admin, PUBLISHED, n, timed(() -> {
                    for (int i = 0; i < n; i++) {
                        publisher.publishConfirmed(PUBLISHED, m);
                    }
                }));
            case "raw-tx":
                try (Connection raw = Connection.open(ConnectionParameters.fromUri(broker))) {
                    Channel ch = raw.channel();
                    ch.txSelect();
                    return expect(admin, PUBLISHED, n, timed(() -> {
                        for (int i = 0; i < n; i++) {
                            ch.basicPublish(m, "", PUBLISHED);
                            ch.txCommit();
                        }
                    }));
                }
            case "raw-confirm":
                try (Connection raw = Connection.open(ConnectionParameters.fromUri(broker))) {
                    Channel ch = raw.channel();
                    ch.confirmSelect();
                    return expect(admin, PUBLISHED, n, timed(() -> {
                        for (int i = 0; i < n; i++) {
                            ch.basicPublish(m, "", PUBLISHED);
                            if (!ch.waitForConfirms(TIMEOUT)) {
                                throw new IllegalStateException("the broker nacked a publish");
                            }
                        }
                    }));
                }
            case "mdb":
                return expect(admin, CostMdb.OUT, n, timed(() -> {
                    for (int i = 0; i < n; i++) {
                        admin.basicPublish(m, "", CostMdb.QUEUE);
                    }
                    awaitDepth(admin, CostMdb.OUT, n);
                }));
            case "plain-consumer":
                return plainConsumer(n, broker, admin, m);
            default:
                throw new IllegalArgumentException("no row " + row);
        }
    }

    /**
     * The reference for the MDB row: the raw client consuming with the MDB's prefetch, its
     * callbacks on one dispatch thread (as the adapter hands a delivery to a container thread),
     * each message a transaction: publish the reply, ack, tx.commit.
     */
    private static long[] plainConsumer(int n, String broker, Channel admin, Message m)
            throws InterruptedException, IOException {
        ExecutorService dispatch = Executors.newSingleThreadExecutor();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try (Connection consumer = Connection.open(ConnectionParameters.fromUri(broker).toBuilder()
                .dispatchExecutor(dispatch)
                .build())) {
            Channel cc = consumer.channel();
            cc.txSelect();
            cc.basicQos(0, CostMdb.PREFETCH, false);
            cc.basicConsume(PLAIN, d -> {
                try {
                    cc.basicPublish(Message.builder(d.bodyAsString()).build(), "", CostMdb.OUT);
                    d.ack();
                    cc.txCommit();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            });
            long[] measured = timed(() -> {
                for (int i = 0; i < n; i++) {
                    admin.basicPublish(m, "", PLAIN);
                }
                awaitDepth(admin, CostMdb.OUT, n);
            });
            if (failure.get() != null) {
                throw failure.get();
            }
            return expect(admin, CostMdb.OUT, n, measured);
        } finally {
            dispatch.shutdownNow();
        }
    }

    /** Polls {@code queue}'s depth every millisecond (the rows' clock) until it holds {@code n}, at most 30 s. */
    private static void awaitDepth(Channel admin, String queue, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (depth(admin, queue) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(queue + " holds " + depth(admin, queue) + " of " + n + " after 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static long depth(Channel admin, String queue) {
        return admin.queueDeclare(queue, true, false, false, false, false, null).messageCount();
    }

    /** The row's measurement, once the broker holds exactly {@code n} messages in {@code queue}. */
    private static long[] expect(Channel admin, String queue, long n, long[] measured) throws InterruptedException {
        awaitDepth(admin, queue, n);
        long held = depth(admin, queue);
        if (held != n) {
            throw new IllegalStateException(queue + " holds " + held + " messages, expected " + n);
        }
        return measured;
    }

    /** Work that may wait. */
    private interface Work {
        void run() throws InterruptedException;
    }

    /**
     * Of {@code work}: wall time, the server process's CPU time (every thread's time on a core,
     * from Linux's {@code /proc/self/task/N/schedstat}, in nanoseconds) and its system time
     * alone ({@code /proc/self/stat}, 10 ms ticks), and the context switches of its threads (a
     * thread handing work to another and waiting for it costs two). Threads that end meanwhile
     * are not counted.
     */
    private static long[] timed(Work work) throws InterruptedException, IOException {
        long cpu0 = threadsCpuNanos();
        long system0 = systemNanos();
        long switches0 = contextSwitches();
        long t0 = System.nanoTime();
        work.run();
        long wall = System.nanoTime() - t0;
        long cpu1 = threadsCpuNanos();
        return new long[] {wall, cpu1 - cpu0, systemNanos() - system0, contextSwitches() - switches0};
    }

    /** The process's system time in nanoseconds ({@code /proc/self/stat}, 10 ms ticks). */
    private static long systemNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[12]) * 10_000_000L; // stime: field 15
    }

    /** The time on a core of the process's threads alive now, in nanoseconds. */
    private static long threadsCpuNanos() throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String s = Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return sum;
    }

    /** Voluntary and involuntary context switches of the process's threads alive now. */
    private static long contextSwitches() throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            sum += Long.parseLong(
                                    line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return sum;
    }
}
