package org.amqpra.rar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.jca.validator.Validation;
import org.junit.jupiter.api.Test;

/** The packaged amqp-ra.rar: its content, and the IronJacamar validator's verdict. */
class RarValidationIT {
    private static File rar() {
        File f = new File(System.getProperty("amqpra.rar", "target/amqp-ra.rar"));
        assertTrue(f.isFile(), "no RAR at " + f);
        return f;
    }

    @Test
    void rarHoldsTheTwoJarsAndTheDescriptorsAndNoLooseClasses() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(rar())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains("META-INF/ra.xml"), names.toString());
        assertTrue(names.contains("META-INF/ironjacamar.xml"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("amqp-ra-api-.*\\.jar")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("amqp-ra-impl-.*\\.jar")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".class")), "loose classes: " + names);
        assertTrue(
                names.stream().noneMatch(n -> n.startsWith("jakarta.resource-api")),
                "Jakarta APIs are provided by the server: " + names);
    }

    @Test
    void ironJacamarValidatorFindsNothingToReport() throws Exception {
        Path out = Files.createTempDirectory("rar-validation");
        int rc = Validation.validate(rar().toURI().toURL(), out.toString());
        StringBuilder report = new StringBuilder();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                report.append(p.getFileName())
                        .append(":\n")
                        .append(Files.readString(p))
                        .append('\n');
            }
        }
        assertEquals(0, rc, "validator report:\n" + report);
    }
}
