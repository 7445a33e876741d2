package org.amqpra.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's first command runs this program: it must keep working against the broker. */
@Tag("broker")
class QuickstartExampleTest {
    @Test
    void theQuickstartPublishesGetsAndConsumesItsThreeMessages() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickstartExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertTrue(out.contains("basic.get: 'hello world 1'"), out);
        assertTrue(out.contains("consumed: 'hello world 2'"), out);
        assertTrue(out.contains("consumed: 'hello world 3'"), out);
        assertTrue(out.endsWith("done" + System.lineSeparator()), out);
    }
}
