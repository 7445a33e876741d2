package org.amqpra.demo.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's first command: starts WildFly with the adapter and the orders application, places
 * a handful of orders (one failing once, one poison), prints what became of each, then stops the
 * server, or with {@code -Ddemo.keepRunning=true} leaves it running for {@code curl} until
 * Ctrl+C. {@code -Ddemo.portOffset=N} moves WildFly's ports (default 0: HTTP on 8080);
 * {@code -Ddemo.embeddedBroker=true} uses the embedded broker even where another one runs.
 */
public final class Demo {
    /** The orders placed, in order: two plain, one failing its first delivery, one poison, one plain. */
    static final List<String> ITEMS = List.of("book", "lamp", "fail-once mug", "poison anvil", "chair");

    private Demo() {}

    public static void main(String[] args) throws Exception {
        boolean keep = Boolean.getBoolean("demo.keepRunning");
        try {
            run(Integer.getInteger("demo.portOffset", 0), keep, Boolean.getBoolean("demo.embeddedBroker"), System.out);
        } catch (IllegalStateException e) {
            System.out.println("demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the demo; returns the orders' final states by item. */
    static Map<String, OrdersClient.OrderState> run(
            int portOffset, boolean keepRunning, boolean embeddedBroker, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        out.println("amqp-ra demo: orders placed over REST, shipped by a message-driven bean");
        DemoBroker broker = DemoBroker.find(embeddedBroker);
        out.println("broker:  " + broker);
        DemoServer server = new DemoServer(Path.of(System.getProperty("demo.wildfly")), portOffset);
        boolean stop = true;
        try {
            server.deploy(Path.of(System.getProperty("demo.rar")), Path.of(System.getProperty("demo.war")));
            server.start(broker.systemProperties());
            server.awaitDeployed(Duration.ofSeconds(180), "amqp-ra.rar", "orders.war");
            out.printf(
                    "WildFly: started, amqp-ra.rar and orders.war deployed (%.1f s; log %s)%n",
                    seconds(t0), server.log());

            OrdersClient api = new OrdersClient(server.httpPort());
            api.awaitReady(Duration.ofSeconds(60)); // the MDBs' activations declare the queues
            for (String item : ITEMS) {
                long before = System.nanoTime();
                OrdersClient.OrderState o = api.place(item);
                out.printf(
                        "POST %s {\"item\":\"%s\"} -> order %d %s, row and order.created message committed together (%d ms)%n",
                        api.base(), item, o.id(), o.state(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
            }
            Map<String, OrdersClient.OrderState> last = awaitFinished(api, Duration.ofSeconds(60));
            out.println("what became of them:");
            for (OrdersClient.OrderState o : last.values()) {
                out.printf(
                        "  order %d %-14s %-13s after %d deliver%s, %d ms after it was placed%s%n",
                        o.id(),
                        o.item(),
                        o.state(),
                        o.attempts(),
                        o.attempts() == 1 ? "y" : "ies",
                        o.finishedAt() - o.createdAt(),
                        explain(o));
            }
            out.printf("done in %.1f s%n", seconds(t0));
            if (keepRunning) {
                stop = false;
                out.println("WildFly keeps running (Ctrl+C stops it). Try:");
                out.println("  curl -s " + api.base());
                out.println("  curl -s -H 'Content-Type: application/json' -d '{\"item\":\"poison teapot\"}' "
                        + api.base());
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        broker.close();
                    }
                }));
                forever.await();
            }
            return last;
        } finally {
            if (stop) {
                try {
                    server.close();
                    out.println("WildFly stopped (-Ddemo.keepRunning=true keeps it running)");
                } finally {
                    broker.close();
                }
            }
        }
    }

    private static String explain(OrdersClient.OrderState o) {
        if ("DEAD_LETTERED".equals(o.state())) {
            return ": failed every delivery, dead-lettered by the adapter to demo.orders.dead";
        }
        return o.attempts() > 1 ? ": failed once, rolled back, redelivered, shipped" : "";
    }

    /** Polls until every order reached a final state; returns them by item. */
    private static Map<String, OrdersClient.OrderState> awaitFinished(OrdersClient api, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<OrdersClient.OrderState> all = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            all = api.all();
            if (all.size() >= ITEMS.size() && all.stream().allMatch(OrdersClient.OrderState::finished)) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        Map<String, OrdersClient.OrderState> byItem = new LinkedHashMap<>();
        for (OrdersClient.OrderState o : all) {
            byItem.put(o.item(), o);
        }
        return byItem;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
