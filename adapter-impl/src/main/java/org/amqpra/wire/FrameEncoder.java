package org.amqpra.wire;

import org.amqpra.BasicProperties;

/**
 * Appends whole frames to a {@link WireWriter}: the 7-octet header, the payload, the frame-end
 * octet. The payload size is patched in after encoding, so nothing is encoded twice.
 */
public final class FrameEncoder {
    /** The ids of the two hot methods written without a method object, taken from the table. */
    private static final int PUBLISH_CLASS = Methods.BASIC_PUBLISH.classId();

    private static final int PUBLISH_METHOD = Methods.BASIC_PUBLISH.methodId();
    private static final int ACK_CLASS = Methods.BASIC_ACK.classId();
    private static final int ACK_METHOD = Methods.BASIC_ACK.methodId();
    /** The content class of basic.publish, for its content header. */
    public static final int BASIC_CLASS = PUBLISH_CLASS;

    private FrameEncoder() {}

    /** Appends a method frame. */
    public static void method(WireWriter w, int channel, AmqpMethod m) {
        int start = begin(w, Frame.METHOD, channel);
        MethodCodec.encode(m, w);
        end(w, start);
    }

    /**
     * Appends a {@code basic.publish} method frame without building an {@link AmqpMethod}: the
     * publish path is hot, so its arguments are written directly (ticket 0, then the bits).
     */
    public static void publish(
            WireWriter w, int channel, String exchange, String routingKey, boolean mandatory, boolean immediate) {
        FieldRanges.checkShortString("basic.publish", "exchange", exchange);
        FieldRanges.checkShortString("basic.publish", "routing-key", routingKey);
        int start = begin(w, Frame.METHOD, channel);
        w.short16(PUBLISH_CLASS);
        w.short16(PUBLISH_METHOD);
        w.short16(0); // ticket (deprecated)
        w.shortStr(exchange);
        w.shortStr(routingKey);
        w.octet((mandatory ? 1 : 0) | (immediate ? 2 : 0));
        end(w, start);
    }

    /** Appends a {@code basic.ack} method frame directly (the consume path's hot method). */
    public static void ack(WireWriter w, int channel, long deliveryTag, boolean multiple) {
        int start = begin(w, Frame.METHOD, channel);
        w.short16(ACK_CLASS);
        w.short16(ACK_METHOD);
        w.int64(deliveryTag);
        w.octet(multiple ? 1 : 0);
        end(w, start);
    }

    /** Appends the 7-octet header of a body frame of {@code len} bytes. */
    public static void bodyHeader(WireWriter w, int channel, int len) {
        w.octet(Frame.BODY);
        w.short16(channel);
        w.int32(len);
    }

    /** Appends a content header frame. */
    public static void header(WireWriter w, int channel, int classId, long bodySize, BasicProperties p) {
        int start = begin(w, Frame.HEADER, channel);
        ContentHeaderCodec.encode(classId, bodySize, p, w);
        end(w, start);
    }

    /** Appends one body frame holding {@code body[off, off+len)}. */
    public static void body(WireWriter w, int channel, byte[] body, int off, int len) {
        w.octet(Frame.BODY);
        w.short16(channel);
        w.int32(len);
        w.bytes(body, off, len);
        w.octet(Frame.FRAME_END);
    }

    /** Appends a heartbeat frame (channel 0, empty payload). */
    public static void heartbeat(WireWriter w) {
        w.octet(Frame.HEARTBEAT);
        w.short16(0);
        w.int32(0);
        w.octet(Frame.FRAME_END);
    }

    private static int begin(WireWriter w, int type, int channel) {
        w.octet(type);
        w.short16(channel);
        int sizeAt = w.position();
        w.int32(0);
        return sizeAt;
    }

    private static void end(WireWriter w, int sizeAt) {
        w.putInt(sizeAt, w.position() - sizeAt - 4);
        w.octet(Frame.FRAME_END);
    }
}
