package org.amqpra.demo.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's REST API seen from outside, as {@code curl} would use it. */
final class OrdersClient {
    /** One order as the API shows it. */
    record OrderState(long id, String item, String state, int attempts, long createdAt, long finishedAt) {
        boolean finished() {
            return !"CREATED".equals(state);
        }
    }

    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    OrdersClient(int port) {
        this.base = "http://localhost:" + port + "/orders/api/orders";
    }

    String base() {
        return base;
    }

    /**
     * Waits until the application answers {@code GET /api/ready} with 200 (both MDBs consume,
     * so the queues an order is routed to exist), at most {@code timeout}.
     */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        URI ready = URI.create(base.replaceFirst("/orders$", "/ready"));
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> r;
        while ((r = http.send(
                                HttpRequest.newBuilder(ready)
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                        .statusCode()
                != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GET " + ready + " still answered " + r.statusCode() + " after "
                        + timeout.toSeconds() + " s: " + r.body());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** POSTs an order; returns the order as stored. */
    OrderState place(String item) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"" + item + "\",\"quantity\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST " + base + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body()).get(0);
    }

    /** GETs every order. */
    List<OrderState> all() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + base + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    /** The orders in a JSON object or array of flat objects (the API's only shapes). */
    static List<OrderState> parse(String json) {
        List<OrderState> out = new ArrayList<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            String o = m.group();
            out.add(new OrderState(
                    Long.parseLong(field(o, "id")),
                    field(o, "item"),
                    field(o, "state"),
                    Integer.parseInt(field(o, "attempts")),
                    Long.parseLong(field(o, "createdAt")),
                    Long.parseLong(field(o, "finishedAt"))));
        }
        return out;
    }

    private static String field(String object, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9]+)")
                .matcher(object);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + object);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
