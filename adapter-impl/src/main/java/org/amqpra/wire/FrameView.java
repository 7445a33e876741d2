package org.amqpra.wire;

import java.util.Arrays;

/**
 * A frame read into the reader's own buffer, without copying: type, channel and the payload's
 * place in the buffer. Valid only until the next read; the connection's reader decodes each
 * frame at once, so only bodies are ever copied out.
 */
public final class FrameView {
    private int type;
    private int channel;
    private byte[] buf;
    private int offset;
    private int length;

    void set(int type, int channel, byte[] buf, int offset, int length) {
        this.type = type;
        this.channel = channel;
        this.buf = buf;
        this.offset = offset;
        this.length = length;
    }

    /** Frame type. */
    public int type() {
        return type;
    }

    /** Channel number. */
    public int channel() {
        return channel;
    }

    /** The buffer holding the payload (not a copy). */
    public byte[] buffer() {
        return buf;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Payload length. */
    public int length() {
        return length;
    }

    /** A reader over the payload. */
    public WireReader reader() {
        return new WireReader(buf, offset, length);
    }

    /** A copy of the payload. */
    public byte[] payloadCopy() {
        return Arrays.copyOfRange(buf, offset, offset + length);
    }

    /** This frame as a standalone {@link Frame} (copies the payload). */
    public Frame toFrame() {
        return new Frame(type, channel, payloadCopy());
    }
}
