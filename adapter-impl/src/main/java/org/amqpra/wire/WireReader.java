package org.amqpra.wire;

import java.nio.charset.StandardCharsets;
import org.amqpra.FrameSyntaxErrorException;
import org.amqpra.ReplyInfo;

/**
 * Big-endian reads over a byte range. Every read is bounds-checked: running past the end of a
 * frame's payload is a {@link FrameSyntaxErrorException}, never an index exception or a hang.
 */
public final class WireReader {
    private final byte[] buf;
    private int pos;
    private final int limit;
    private ShortStringCache strings;

    /** Reads {@code buf[off, off+len)}. */
    public WireReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    /** Reads all of {@code buf}. */
    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** Decodes short strings through {@code cache} (per channel, reader thread only). */
    public WireReader withStrings(ShortStringCache cache) {
        this.strings = cache;
        return this;
    }

    /** Bytes left. */
    public int remaining() {
        return limit - pos;
    }

    private void need(int n) {
        if (n < 0 || limit - pos < n) {
            throw syntax("truncated field: needed " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    static FrameSyntaxErrorException syntax(String text) {
        return new FrameSyntaxErrorException(ReplyInfo.local(502, text));
    }

    /** Unsigned 8-bit. */
    public int octet() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    /** Signed 8-bit. */
    public byte signedOctet() {
        need(1);
        return buf[pos++];
    }

    /** Unsigned 16-bit. */
    public int short16() {
        need(2);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** Signed 32-bit. */
    public int int32() {
        need(4);
        int v = (buf[pos] & 0xFF) << 24
                | (buf[pos + 1] & 0xFF) << 16
                | (buf[pos + 2] & 0xFF) << 8
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** Unsigned 32-bit as a long. */
    public long uint32() {
        return int32() & 0xFFFFFFFFL;
    }

    /** Signed 64-bit. */
    public long int64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** Raw bytes. */
    public byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /** Short string, decoded as UTF-8 (malformed bytes become U+FFFD, never an exception). */
    public String shortStr() {
        int n = octet();
        need(n);
        String s = strings != null ? strings.get(buf, pos, n) : new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Long string as bytes; the length is checked against what is left before allocating. */
    public byte[] longStr() {
        long n = uint32();
        if (n > remaining()) {
            throw syntax("long string of " + n + " bytes exceeds the " + remaining() + " bytes left in the frame");
        }
        return bytes((int) n);
    }
}
