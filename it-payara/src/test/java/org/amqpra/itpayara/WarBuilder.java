package org.amqpra.itpayara;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs the test application (classes of one package and its descriptors) into a WAR. */
final class WarBuilder {
    private WarBuilder() {
    }

    /**
     * Writes {@code war} with every class under {@code classes/packagePath} in WEB-INF/classes and
     * every file of {@code classes/descriptors} in WEB-INF.
     */
    static Path build(Path classes, String packagePath, String descriptors, Path war) throws IOException {
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path p : files(classes.resolve(packagePath))) {
                add(zip, "WEB-INF/classes/" + classes.relativize(p).toString().replace('\\', '/'), p);
            }
            for (Path p : files(classes.resolve(descriptors))) {
                add(zip, "WEB-INF/" + p.getFileName(), p);
            }
        }
        return war;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static void add(ZipOutputStream zip, String name, Path p) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(p, zip);
        zip.closeEntry();
    }
}
