package org.amqpra.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for encoding frames. Reused by its owner: {@link #reset()}
 * keeps the allocated array, so steady-state encoding does not allocate.
 */
public final class WireWriter {
    private byte[] buf;
    private int pos;
    private FieldTables.EntryWriter entryWriter;

    /** A writer with {@code initialCapacity} bytes before it grows. */
    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The entry writer {@link FieldTables} reuses for tables written here. */
    FieldTables.EntryWriter entryWriter() {
        FieldTables.EntryWriter e = entryWriter;
        if (e == null) {
            e = new FieldTables.EntryWriter(this);
            entryWriter = e;
        }
        return e;
    }

    /** Forgets the content, keeps the array. */
    public void reset() {
        pos = 0;
    }

    /** Drops everything written after {@code position} (undoes a failed encode). */
    public void truncate(int position) {
        pos = position;
    }

    /** Bytes written so far. */
    public int position() {
        return pos;
    }

    /** The backing array; valid bytes are {@code [0, position())}. */
    public byte[] array() {
        return buf;
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Capacity of the backing array. */
    public int capacity() {
        return buf.length;
    }

    /** Drops the backing array for a smaller one (after a huge message). */
    public void shrinkTo(int capacity) {
        if (buf.length > capacity) {
            buf = new byte[capacity];
        }
        pos = 0;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** Unsigned 8-bit. */
    public void octet(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    /** 16-bit. */
    public void short16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    /** 32-bit. */
    public void int32(int v) {
        ensure(4);
        putInt(pos, v);
        pos += 4;
    }

    /** Writes a 32-bit value at an earlier position (frame sizes are patched after encoding). */
    public void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** 64-bit. */
    public void int64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    /** Raw bytes. */
    public void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /**
     * Short string: one length octet, then UTF-8. Over 255 bytes is refused before anything is
     * sent (the spec's limit; silently truncating would corrupt names).
     */
    public void shortStr(String s) {
        if (s == null) {
            s = "";
        }
        int n = s.length();
        // Fast path for ASCII, the common case for names and routing keys.
        if (n <= 255) {
            ensure(1 + n);
            int start = pos;
            buf[pos++] = (byte) n;
            boolean ascii = true;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    ascii = false;
                    break;
                }
                buf[pos++] = (byte) c;
            }
            if (ascii) {
                return;
            }
            pos = start;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 255) {
            throw new IllegalArgumentException("short string longer than 255 bytes (" + utf8.length + "): "
                    + s.substring(0, Math.min(40, s.length())) + "...");
        }
        octet(utf8.length);
        bytes(utf8, 0, utf8.length);
    }

    /** Long string: four length octets, then the bytes. */
    public void longStr(byte[] b) {
        int32(b.length);
        bytes(b, 0, b.length);
    }

    /** Long string from UTF-8 text; ASCII text is written without an intermediate array. */
    public void longStr(String s) {
        int n = s.length();
        ensure(4 + n);
        int start = pos;
        pos += 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                longStr(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[pos++] = (byte) c;
        }
        putInt(start, n);
    }
}
