package org.amqpra.itpayara;

import static org.amqpra.itpayara.PayaraDomain.OUT;
import static org.amqpra.itpayara.PayaraDomain.get;
import static org.amqpra.itpayara.PayaraDomain.request;
import static org.amqpra.itpayara.TestBroker.awaitIds;
import static org.amqpra.itpayara.TestBroker.idsOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publishing through the adapter's pool in Payara: container- and bean-managed transactions,
 * an XA datasource beside it, a publish the broker refuses, fifty callers on a pool of ten.
 * Against the real broker (its speed: {@code PayaraAdapterCostIT}).
 */
@ExtendWith(PayaraDomain.class)
class PayaraOutboundIT {
    @Test
    void thePoolsConnectionTestReachesTheBroker() throws Exception {
        String out = PayaraDomain.asadmin().run("ping-connection-pool", "amqp-pool");
        assertTrue(out.contains("executed successfully"), out);
    }

    @Test
    void aPublishInATransactionCommitsWithItAndARolledBackOnePublishesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> committed = get("/publish?queue=" + OUT + "&prefix=commit-" + run + "&n=3&fail=false");
        assertEquals(200, committed.statusCode(), committed.body());
        HttpResponse<String> rolledBack = get("/publish?queue=" + OUT + "&prefix=rollback-" + run + "&n=3&fail=true");
        assertEquals(500, rolledBack.statusCode(), rolledBack.body());

        assertEquals(Set.of("commit-" + run + "-0", "commit-" + run + "-1", "commit-" + run + "-2"), idsOn(OUT, run));
    }

    @Test
    void anXaDatasourceAndTheAdapterCommitTogetherAndRollBackTogether() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> committed = get("/order?queue=" + OUT + "&id=order-" + run + "-ok&fail=false");
        assertEquals(200, committed.statusCode(), committed.body());
        HttpResponse<String> rolledBack = get("/order?queue=" + OUT + "&id=order-" + run + "-no&fail=true");
        assertEquals(500, rolledBack.statusCode(), rolledBack.body());

        assertEquals("1", get("/order?count=order-" + run + "-ok").body(), "the committed row");
        assertEquals("0", get("/order?count=order-" + run + "-no").body(), "no row from the rolled-back transaction");
        assertEquals(Set.of("order-" + run + "-ok"), idsOn(OUT, run), "only the committed transaction's message");
    }

    @Test
    void aTransactionTimeoutRollsBackAndNothingLeaksOutsideIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> timedOut = get("/bmt?queue=" + OUT + "&timeout=true&prefix=to-" + run);
        assertEquals(200, timedOut.statusCode(), timedOut.body());
        // Payara marks the timed-out transaction rollback-only (status=1) and rolls it back at
        // commit: the second publish still joins it and is rolled back with it. WildFly rolls
        // back at the timeout, and the second publish is refused (OutboundIT).
        assertTrue(timedOut.body().contains("status=1 second=published"), timedOut.body());
        // a pipelined publish is refused either way: inside a transaction, or after it ended
        assertTrue(timedOut.body().contains("async=IllegalStateException"), timedOut.body());
        assertTrue(timedOut.body().contains("commit=RollbackException"), timedOut.body());
        assertEquals(
                200,
                get("/bmt?queue=" + OUT + "&n=1&commit=true&early=false&prefix=after-" + run)
                        .statusCode());
        assertEquals(Set.of("after-" + run + "-0"), awaitIds(OUT, run, Set.of("after-" + run + "-0"), 10));
    }

    @Test
    void beanManagedTransactionsCommitOrRollBackAndAHandleTakenBeforeBeginJoinsTheTransaction() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String early : List.of("false", "true")) {
            String q = "/bmt?queue=" + OUT + "&n=2&early=" + early;
            assertEquals(
                    200, get(q + "&commit=false&prefix=rb-" + early + "-" + run).statusCode());
            assertEquals(
                    200, get(q + "&commit=true&prefix=ok-" + early + "-" + run).statusCode());
        }
        assertEquals(
                200, get("/bmt?queue=" + OUT + "&none=true&prefix=none-" + run).statusCode());

        Set<String> expected = Set.of(
                "ok-false-" + run + "-0",
                "ok-false-" + run + "-1",
                "ok-true-" + run + "-0",
                "ok-true-" + run + "-1",
                "none-" + run);
        assertEquals(
                expected,
                awaitIds(OUT, run, expected, 10),
                "the committed ones and the one outside a transaction; nothing from the rolled-back ones, also "
                        + "when the handle was taken before begin()");
    }

    @Test
    void aPublishTheBrokerRefusesFailsTheCommitAndThePoolStaysHealthy() throws Exception {
        HttpResponse<String> refused = get("/publish?exchange=amqpra-payara.no-such-exchange." + System.nanoTime());
        assertEquals(500, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("NOT_FOUND") || refused.body().contains("404"), refused.body());

        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r =
                    get("/publish?queue=" + OUT + "&prefix=after-" + i + "-" + run + "&n=1&fail=false");
            assertEquals(200, r.statusCode(), r.body());
            expected.add("after-" + i + "-" + run + "-0");
        }
        assertEquals(expected, idsOn(OUT, run), "every later publish of the pool committed");
    }

    @Test
    void fiftyConcurrentCallersShareAPoolOfTen() throws Exception {
        get("/publish?peaks=true"); // starts counting afresh
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            // each keeps its connection 100 ms in its transaction, so that the callers overlap
            calls.add(http.sendAsync(
                    request("/publish?queue=" + OUT + "&prefix=pool-" + i + "-" + run + "&n=4&hold=100"),
                    HttpResponse.BodyHandlers.ofString()));
            for (int k = 0; k < 4; k++) {
                expected.add("pool-" + i + "-" + run + "-" + k);
            }
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(120, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
        }
        Set<String> arrived = idsOn(OUT, run); // before anything can fail: the queue is left empty
        String[] peaks = get("/publish?peaks=true").body().split("\\|");
        System.out.printf(
                "POOL-PEAKS callers at once=%s, holding a connection at once=%s (pool of 10)%n", peaks[0], peaks[1]);
        assertTrue(Integer.parseInt(peaks[0]) > 10, "more callers at once than the pool has connections: " + peaks[0]);
        assertTrue(Integer.parseInt(peaks[1]) <= 10, "never more than the pool's 10 connections in use: " + peaks[1]);
        assertEquals(expected, arrived);
    }

    private static Channel ch() {
        return TestBroker.channel();
    }
}
