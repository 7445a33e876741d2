package org.amqpra.wire;

/**
 * One frame as read from the wire: type, channel and payload (the frame-end octet already checked
 * and dropped).
 *
 * @param type    {@link #METHOD}, {@link #HEADER}, {@link #BODY} or {@link #HEARTBEAT}
 * @param channel channel number, 0 for the connection
 * @param payload payload bytes, exactly the frame's size
 */
public record Frame(int type, int channel, byte[] payload) {
    /** Method frame type. */
    public static final int METHOD = 1;
    /** Content header frame type. */
    public static final int HEADER = 2;
    /** Content body frame type. */
    public static final int BODY = 3;
    /** Heartbeat frame type. */
    public static final int HEARTBEAT = 8;
    /** Every frame ends with this octet. */
    public static final int FRAME_END = 0xCE;
    /** Type, channel and size before the payload. */
    public static final int HEADER_SIZE = 7;
    /** Header plus frame-end octet: what frame_max counts beyond the payload. */
    public static final int OVERHEAD = 8;
    /** The smallest frame_max a peer must accept, and the limit before tuning. */
    public static final int MIN_FRAME_MAX = 4096;
}
