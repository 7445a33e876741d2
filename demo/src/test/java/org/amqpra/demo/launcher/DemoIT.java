package org.amqpra.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, run as CI runs it: WildFly, the adapter and the orders application
 * against the test broker, and again against the embedded Qpid Broker-J the demo starts where no
 * broker runs; every order ends where the demo says it does.
 */
class DemoIT {
    @Test
    void everyOrderIsShippedExceptThePoisonOneWhichIsDeadLetteredAfterThreeDeliveries() throws Exception {
        check(false);
    }

    @Test
    void theSameOnTheEmbeddedBroker() throws Exception {
        check(true);
    }

    private static void check(boolean embeddedBroker) throws Exception {
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        Map<String, OrdersClient.OrderState> orders;
        try (PrintStream out = new PrintStream(transcript, true, StandardCharsets.UTF_8)) {
            orders = Demo.run(200, false, embeddedBroker, out);
        }
        System.out.println(transcript.toString(StandardCharsets.UTF_8));
        assertEquals(Demo.ITEMS.size(), orders.size(), orders.toString());
        for (String item : new String[] {"book", "lamp", "chair"}) {
            assertEquals("SHIPPED", orders.get(item).state(), item);
            assertEquals(1, orders.get(item).attempts(), item);
        }
        assertEquals("SHIPPED", orders.get("fail-once mug").state());
        assertEquals(2, orders.get("fail-once mug").attempts(), "failed once, redelivered once");
        assertEquals("DEAD_LETTERED", orders.get("poison anvil").state());
        assertEquals(
                3, orders.get("poison anvil").attempts(), "maxRedeliveries=2: three deliveries, then dead-lettered");
    }
}
