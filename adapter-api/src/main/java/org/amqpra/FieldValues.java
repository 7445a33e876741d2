package org.amqpra;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Java types allowed in field tables (headers and method arguments), mapped to RabbitMQ's
 * type codes: {@code String}-S, {@code Integer}-I, {@code Long}-l, {@code Short}-s,
 * {@code Byte}-b, {@code Boolean}-t, {@code Float}-f, {@code Double}-d, {@code BigDecimal}-D,
 * {@code Instant}-T (whole seconds), {@code Map<String,?>}-F, {@code List<?>}-A,
 * {@code byte[]}-x, {@code null}-V. Anything else is refused before anything is sent.
 */
public final class FieldValues {
    /** Deepest nesting of tables and arrays accepted, on reading and on writing. */
    public static final int MAX_DEPTH = 32;

    private FieldValues() {}

    /**
     * Checks every value of a table, recursively.
     *
     * @throws IllegalArgumentException naming the key and the offending type
     */
    public static void checkTable(Map<String, ?> table) {
        checkTable(table, 0);
    }

    private static void checkTable(Map<String, ?> table, int depth) {
        for (Map.Entry<String, ?> e : table.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("field table key must not be null");
            }
            checkValue(e.getKey(), e.getValue(), depth);
        }
    }

    private static void checkValue(String key, Object v, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("field table nested deeper than " + MAX_DEPTH + " at '" + key + "'");
        }
        if (v == null
                || v instanceof String
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte
                || v instanceof Boolean
                || v instanceof Float
                || v instanceof Double
                || v instanceof Instant
                || v instanceof byte[]) {
            return;
        }
        if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            // AMQP decimal: unsigned octet scale, signed 32-bit unscaled value.
            if (d.scale() < 0 || d.scale() > 255 || d.unscaledValue().bitLength() > 31) {
                throw new IllegalArgumentException(
                        "decimal for '" + key + "' does not fit AMQP's (scale 0-255, 32-bit value): " + d);
            }
            return;
        }
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(
                            "nested table under '" + key + "' has a non-String key: " + e.getKey());
                }
                checkValue((String) e.getKey(), e.getValue(), depth + 1);
            }
            return;
        }
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                checkValue(key, o, depth + 1);
            }
            return;
        }
        throw new IllegalArgumentException("field table value for '" + key + "' has unsupported type "
                + v.getClass().getName() + " (allowed: String, Integer, Long, Short, Byte, Boolean, Float, Double, "
                + "BigDecimal, Instant, Map, List, byte[], null)");
    }
}
