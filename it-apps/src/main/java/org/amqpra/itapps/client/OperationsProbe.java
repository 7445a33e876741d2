package org.amqpra.itapps.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tests' side of {@code OperationsServlet}: reads the adapter's MBeans inside the server,
 * invokes their operations, publishes through the factory, and switches the fragile MDB's fault.
 */
public final class OperationsProbe {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    /** A probe of the application deployed at {@code base} (ending in a slash or not). */
    public OperationsProbe(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    /** The name pattern of the activation bean consuming {@code queue}. */
    public static String activation(String queue) {
        return "org.amqpra:type=Activation,queue=\"" + queue + "\",*";
    }

    /** The name pattern of the connection factory bean of pool {@code pool}. */
    public static String factory(String pool) {
        return "org.amqpra:type=ConnectionFactory,pool=\"" + pool + "\",*";
    }

    /** The readiness probe's answer: its status code, a space, and its body. */
    public String health() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "amqpra-health"))
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            throw new IllegalStateException("amqpra-health", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String get(String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "amqpra-ops?" + query))
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(
                        "amqpra-ops?" + query + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("amqpra-ops?" + query, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The attributes of the one bean matching {@code pattern}. */
    public Map<String, String> attributes(String pattern, String... names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : get("mbean=" + enc(pattern) + "&attr=" + enc(String.join(",", names)))
                .split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    /** Waits up to 60 s for an attribute of the bean matching {@code pattern} to read {@code expected}. */
    public void awaitAttribute(String pattern, String attribute, String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = attributes(pattern, attribute).get(attribute);
                if (expected.equals(last)) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage(); // the bean is not registered yet
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new AssertionError(pattern + " " + attribute + " never read " + expected + "; last: " + last);
    }

    /** Beans matching {@code pattern}. */
    public int count(String pattern) {
        return Integer.parseInt(get("count=" + enc(pattern)).trim());
    }

    /** Invokes {@code operation} on the one bean matching {@code pattern}. */
    public void invoke(String pattern, String operation) {
        get("mbean=" + enc(pattern) + "&invoke=" + enc(operation));
    }

    /** Publishes {@code body} to {@code queue} through the factory in a transaction, rolled back if asked. */
    public void publish(String queue, String body, boolean rollback) {
        get("publish=" + enc(queue) + "&body=" + enc(body) + "&rollback=" + rollback);
    }

    /** Switches the fragile MDB's fault on or off. */
    public void fragile(boolean broken) {
        get("fragile=" + (broken ? "broken" : "fixed"));
    }
}
