package org.amqpra.itpayara;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.amqpra.itapps.client.OperationsScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operating the adapter in Payara: the MBeans read inside the server (a servlet querying the
 * platform MBean server) with exact counts, pause and resume over JMX while 2,000 messages flow,
 * an MDB pausing itself after {@code maxConsecutiveFailures}; the scenarios the WildFly suite
 * runs too.
 */
@ExtendWith(PayaraDomain.class)
class PayaraOperationsIT {
    private static OperationsScenarios scenarios() {
        return new OperationsScenarios(
                "http://127.0.0.1:" + Asadmin.HTTP_PORT + "/" + PayaraDomain.APP + "/", TestBroker.uri());
    }

    @Test
    void theBeansCountDeliveriesAndTransactionsExactly() throws Exception {
        try (OperationsScenarios s = scenarios()) {
            Map<String, String> a = s.beansCountEachOutcome("amqp-pool");
            System.out.println("OPS-BEANS payara " + a);
            assertTrue(a.get("Endpoint").contains("OperationsMdb"), "the endpoint named after the bean: " + a);
        }
    }

    @Test
    void pausedOverJmxTheMdbReceivesNothingAndAfterTheResumeEachMessageOnce() throws Exception {
        try (OperationsScenarios s = scenarios()) {
            System.out.println("OPS-PAUSE payara jmx: " + s.pauseAndResumeOverJmx() + " of 2000 before the pause");
        }
    }

    @Test
    void afterThreeFailuresInARowTheMdbPausesItselfAndResumedItProcessesEverything() throws Exception {
        try (OperationsScenarios s = scenarios()) {
            System.out.println("OPS-FRAGILE payara " + s.pausesItselfAfterConsecutiveFailures());
        }
    }
}
