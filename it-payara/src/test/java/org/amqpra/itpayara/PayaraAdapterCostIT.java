package org.amqpra.itpayara;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.amqpra.itapps.client.AdapterCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter cost benchmark in Payara (bench/README.md, "The adapter's own cost"): by default
 * a smoke of it (one short round: every row works and the broker holds what each produced);
 * {@code -Dcost.rounds=7 -Dcost.n=3000 -Dcost.warmup=3000} makes it the measurement, and
 * {@code -Dcost.profile=adapter-tx,mdb} records rows under JFR instead. Not an assertion on speed.
 */
@ExtendWith(PayaraDomain.class)
class PayaraAdapterCostIT {
    @Test
    void everyRowRunsInTheServerAndTheReportSplitsTheAdaptersTime() {
        Map<String, List<AdapterCost.Sample>> samples = new AdapterCost(
                        "http://127.0.0.1:" + Asadmin.HTTP_PORT + "/" + PayaraDomain.APP + "/", TestBroker.uri())
                .runAsConfigured("payara", "ASMain");
        for (String row : samples == null ? List.<String>of() : AdapterCost.ROWS) {
            assertTrue(AdapterCost.medianMicros(samples, row) > 0, row);
        }
    }
}
