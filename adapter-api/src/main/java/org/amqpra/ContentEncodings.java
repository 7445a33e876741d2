package org.amqpra;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The charset a {@code content_encoding} label names, accepting Java's names and aliases and the
 * spellings of Python's codecs, which amqpy users and Python publishers send ({@code utf_8},
 * {@code latin_1}, {@code ascii}, {@code utf_16_le}...). A label that names no charset (a
 * content-coding such as {@code gzip}, or a typo) has none.
 */
public final class ContentEncodings {
    /** Python codec names Java does not know under any spelling with '-' or '_'. */
    private static final Map<String, Charset> PYTHON_NAMES = Map.of(
            "latin-1", StandardCharsets.ISO_8859_1,
            "u8", StandardCharsets.UTF_8,
            "utf", StandardCharsets.UTF_8,
            "646", StandardCharsets.US_ASCII,
            "utf-16-le", StandardCharsets.UTF_16LE,
            "utf-16-be", StandardCharsets.UTF_16BE,
            "utf-32-le", Charset.forName("UTF-32LE"),
            "utf-32-be", Charset.forName("UTF-32BE"));

    private ContentEncodings() {}

    /** The charset {@code label} names, or null when it names none (or is null). */
    public static Charset charset(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        Charset direct = lookUp(label);
        if (direct != null) {
            return direct;
        }
        String dashed = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        Charset python = PYTHON_NAMES.get(dashed);
        if (python != null) {
            return python;
        }
        Charset c = lookUp(dashed);
        return c != null ? c : lookUp(dashed.replace('-', '_'));
    }

    private static Charset lookUp(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
