package org.amqpra.wire;

/**
 * How a message body is cut into body frames: the one place the frame_max split is made, for
 * the pending-buffer path and the large-body path alike.
 *
 * <p>AMQP 0-9-1 §4.2.3: a frame, header (7 octets) and end octet (1) included, is at most
 * {@code frame_max} octets, so a body frame carries at most {@code frame_max - 8} body octets.
 * A negotiated {@code frame_max} of 0 means no limit: the body goes in one frame. An empty body
 * sends no body frame at all (the content header says its size is 0).
 */
public final class BodyFramer {
    private BodyFramer() {}

    /** The most body octets one body frame carries under {@code frameMax} (0: unlimited), at least 1. */
    public static int frameBodySize(long frameMax, int bodyLength) {
        if (frameMax == 0) {
            return Math.max(1, bodyLength);
        }
        return (int) Math.min(Integer.MAX_VALUE, frameMax - Frame.OVERHEAD);
    }

    /** How many body frames a body of {@code bodyLength} octets takes under {@code frameMax}. */
    public static int frameCount(long frameMax, int bodyLength) {
        int chunk = frameBodySize(frameMax, bodyLength);
        return (int) (((long) bodyLength + chunk - 1) / chunk);
    }

    /** Appends the body frames of {@code body} on {@code channel} to {@code w}. */
    public static void appendFrames(WireWriter w, int channel, byte[] body, long frameMax) {
        int chunk = frameBodySize(frameMax, body.length);
        for (int off = 0; off < body.length; off += chunk) {
            int len = Math.min(chunk, body.length - off);
            FrameEncoder.body(w, channel, body, off, len);
        }
    }
}
