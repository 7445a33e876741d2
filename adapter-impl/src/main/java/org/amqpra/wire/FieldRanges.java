package org.amqpra.wire;

import java.nio.charset.StandardCharsets;
import org.amqpra.InvalidArgumentException;

/**
 * The ranges of AMQP's fixed-width fields (0-9-1 §4.2.5): octet, short and long are unsigned 8,
 * 16 and 32 bits, longlong an unsigned 64 bits of which Java's long holds the lower half; a short
 * string is at most 255 octets of UTF-8. Values outside are refused here, before encoding, instead
 * of being written modulo their width (a prefetch count of 65,536 would go out as 0: unlimited).
 */
public final class FieldRanges {
    /** The largest value of an unsigned 32-bit long field. */
    public static final long MAX_LONG = 0xFFFF_FFFFL;

    private FieldRanges() {}

    /** The largest value a field of {@code type} takes, for the numeric types. */
    public static long max(FieldType type) {
        switch (type) {
            case OCTET:
                return 0xFF;
            case SHORT:
                return 0xFFFF;
            case LONG:
                return MAX_LONG;
            case LONGLONG:
            case TIMESTAMP:
                return Long.MAX_VALUE;
            default:
                throw new IllegalArgumentException(type + " is not a numeric field");
        }
    }

    /** Checks {@code value} against the range of a field of {@code type} of {@code method}. */
    public static void check(String method, String argument, FieldType type, long value) {
        long max = max(type);
        if (value < 0 || value > max) {
            throw new InvalidArgumentException(
                    method,
                    argument,
                    "must be 0-" + max + " (an unsigned " + type.name().toLowerCase() + "), was " + value);
        }
    }

    /** Checks that {@code s} fits a short string (at most 255 octets of UTF-8); null counts as empty. */
    public static void checkShortString(String method, String argument, String s) {
        // 255 octets hold at least 85 chars of any kind: only longer strings need counting
        if (s != null && s.length() > 85) {
            int octets = s.getBytes(StandardCharsets.UTF_8).length;
            if (octets > 255) {
                throw new InvalidArgumentException(
                        method,
                        argument,
                        "is a short string of at most 255 octets, was " + octets + " (" + s.substring(0, 40) + "...)");
            }
        }
    }
}
