package org.amqpra.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Remembers recently decoded short strings, so that the consumer tag, exchange, routing key and
 * content type that every delivery on a channel repeats are not decoded and allocated again. A
 * small direct-mapped table; one per channel, used by the reader thread only.
 */
public final class ShortStringCache {
    private static final int SLOTS = 32;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The string for {@code buf[off, off+len)} as UTF-8, from the cache when seen recently. */
    public String get(byte[] buf, int off, int len) {
        int h = len;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && k.length == len && Arrays.equals(k, 0, len, buf, off, off + len)) {
            return values[slot];
        }
        String s = new String(buf, off, len, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(buf, off, off + len);
        values[slot] = s;
        return s;
    }
}
