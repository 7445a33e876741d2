package org.amqpra.itpayara;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a test application into a WAR: the classes of one package of this module, classes shared
 * with the WildFly suite (module it-apps), and its descriptors.
 */
final class WarBuilder {
    private WarBuilder() {}

    /**
     * Writes {@code war} with every class under {@code classes/packagePath} (none when it is null)
     * and the {@code shared} classes in WEB-INF/classes, and every file of
     * {@code classes/descriptors} in WEB-INF.
     */
    static Path build(Path classes, String packagePath, String descriptors, Path war, Class<?>... shared)
            throws IOException {
        try (OutputStream file = Files.newOutputStream(war);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            if (packagePath != null) {
                for (Path p : files(classes.resolve(packagePath))) {
                    add(
                            zip,
                            "WEB-INF/classes/"
                                    + classes.relativize(p).toString().replace('\\', '/'),
                            p);
                }
            }
            List<Class<?>> withNested = new ArrayList<>();
            for (Class<?> c : shared) {
                addWithNested(c, withNested);
            }
            for (Class<?> c : withNested) {
                String name = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("class file of " + c.getName() + " not found");
                    }
                    zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + name));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
            for (Path p : files(classes.resolve(descriptors))) {
                add(zip, "WEB-INF/" + p.getFileName(), p);
            }
        }
        return war;
    }

    /** {@code c} and its nested classes (what ShrinkWrap's {@code addClasses} packs as well). */
    private static void addWithNested(Class<?> c, List<Class<?>> out) {
        out.add(c);
        for (Class<?> nested : c.getDeclaredClasses()) {
            addWithNested(nested, out);
        }
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
