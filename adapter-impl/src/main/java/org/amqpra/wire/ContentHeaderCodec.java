package org.amqpra.wire;

import org.amqpra.BasicProperties;
import org.amqpra.InvalidArgumentException;

/**
 * Encodes and decodes content header payloads: class id, weight (always 0), body size, the
 * property flag word and the present properties in order. Flag bits run from bit 15
 * (content-type) down to bit 2 (cluster-id); bit 0 would announce another flag word.
 */
public final class ContentHeaderCodec {
    private static final int CONTENT_TYPE = 1 << 15;
    private static final int CONTENT_ENCODING = 1 << 14;
    private static final int HEADERS = 1 << 13;
    private static final int DELIVERY_MODE = 1 << 12;
    private static final int PRIORITY = 1 << 11;
    private static final int CORRELATION_ID = 1 << 10;
    private static final int REPLY_TO = 1 << 9;
    private static final int EXPIRATION = 1 << 8;
    private static final int MESSAGE_ID = 1 << 7;
    private static final int TIMESTAMP = 1 << 6;
    private static final int TYPE = 1 << 5;
    private static final int USER_ID = 1 << 4;
    private static final int APP_ID = 1 << 3;
    private static final int CLUSTER_ID = 1 << 2;
    private static final int CONTINUATION = 1;

    private ContentHeaderCodec() {}

    /** Appends a header payload for {@code bodySize} bytes with properties {@code p}. */
    public static void encode(int classId, long bodySize, BasicProperties p, WireWriter w) {
        checkProperties(p);
        w.short16(classId);
        w.short16(0);
        w.int64(bodySize);
        int flags = 0;
        if (p.contentType() != null) flags |= CONTENT_TYPE;
        if (p.contentEncoding() != null) flags |= CONTENT_ENCODING;
        if (p.headers() != null) flags |= HEADERS;
        if (p.deliveryMode() != null) flags |= DELIVERY_MODE;
        if (p.priority() != null) flags |= PRIORITY;
        if (p.correlationId() != null) flags |= CORRELATION_ID;
        if (p.replyTo() != null) flags |= REPLY_TO;
        if (p.expiration() != null) flags |= EXPIRATION;
        if (p.messageId() != null) flags |= MESSAGE_ID;
        if (p.timestamp() != null) flags |= TIMESTAMP;
        if (p.type() != null) flags |= TYPE;
        if (p.userId() != null) flags |= USER_ID;
        if (p.appId() != null) flags |= APP_ID;
        if (p.clusterId() != null) flags |= CLUSTER_ID;
        w.short16(flags);
        if (flags == 0) {
            return;
        }
        if (p.contentType() != null) w.shortStr(p.contentType());
        if (p.contentEncoding() != null) w.shortStr(p.contentEncoding());
        if (p.headers() != null) FieldTables.write(w, p.headers());
        if (p.deliveryMode() != null) w.octet(p.deliveryMode());
        if (p.priority() != null) w.octet(p.priority());
        if (p.correlationId() != null) w.shortStr(p.correlationId());
        if (p.replyTo() != null) w.shortStr(p.replyTo());
        if (p.expiration() != null) w.shortStr(p.expiration());
        if (p.messageId() != null) w.shortStr(p.messageId());
        if (p.timestamp() != null) w.int64(p.timestamp().getEpochSecond());
        if (p.type() != null) w.shortStr(p.type());
        if (p.userId() != null) w.shortStr(p.userId());
        if (p.appId() != null) w.shortStr(p.appId());
        if (p.clusterId() != null) w.shortStr(p.clusterId());
    }

    /**
     * Refuses, before anything is written, property values that do not fit their fields: delivery
     * mode other than 1 or 2, short strings over 255 octets, a timestamp before 1970 (the priority
     * is an octet already: {@link BasicProperties} refuses any other value).
     *
     * @throws org.amqpra.InvalidArgumentException naming the property
     */
    public static void checkProperties(BasicProperties p) {
        String what = "basic properties";
        Integer mode = p.deliveryMode();
        if (mode != null && mode != 1 && mode != 2) {
            throw new InvalidArgumentException(
                    what, "delivery-mode", "must be 1 (transient), 2 (persistent) or unset, was " + mode);
        }
        FieldRanges.checkShortString(what, "content-type", p.contentType());
        FieldRanges.checkShortString(what, "content-encoding", p.contentEncoding());
        FieldRanges.checkShortString(what, "correlation-id", p.correlationId());
        FieldRanges.checkShortString(what, "reply-to", p.replyTo());
        FieldRanges.checkShortString(what, "expiration", p.expiration());
        FieldRanges.checkShortString(what, "message-id", p.messageId());
        FieldRanges.checkShortString(what, "type", p.type());
        FieldRanges.checkShortString(what, "user-id", p.userId());
        FieldRanges.checkShortString(what, "app-id", p.appId());
        FieldRanges.checkShortString(what, "cluster-id", p.clusterId());
        if (p.timestamp() != null) {
            FieldRanges.check(
                    what, "timestamp", FieldType.TIMESTAMP, p.timestamp().getEpochSecond());
        }
    }

    /**
     * Decodes a header payload.
     *
     * @throws org.amqpra.FrameSyntaxErrorException on a negative body size, a continuation flag
     *         word announcing properties that do not exist, or truncated properties
     */
    public static ContentHeader decode(WireReader r) {
        int classId = r.short16();
        r.short16(); // weight, unused
        long bodySize = r.int64();
        if (bodySize < 0) {
            throw WireReader.syntax("negative content body size " + bodySize);
        }
        int flags = r.short16();
        if ((flags & CONTINUATION) != 0) {
            // Basic has 14 properties: a further flag word may only be empty.
            if (r.short16() != 0) {
                throw WireReader.syntax("content header announces properties beyond the 14 of class basic");
            }
        }
        if ((flags & 0b10) != 0) {
            throw WireReader.syntax("content header sets reserved property flag bit 1");
        }
        if (flags == 0) {
            return new ContentHeader(classId, bodySize, BasicProperties.EMPTY);
        }
        BasicProperties p = new BasicProperties(
                (flags & CONTENT_TYPE) != 0 ? r.shortStr() : null,
                (flags & CONTENT_ENCODING) != 0 ? r.shortStr() : null,
                (flags & HEADERS) != 0 ? FieldTables.read(r) : null,
                (flags & DELIVERY_MODE) != 0 ? r.octet() : null,
                (flags & PRIORITY) != 0 ? r.octet() : null,
                (flags & CORRELATION_ID) != 0 ? r.shortStr() : null,
                (flags & REPLY_TO) != 0 ? r.shortStr() : null,
                (flags & EXPIRATION) != 0 ? r.shortStr() : null,
                (flags & MESSAGE_ID) != 0 ? r.shortStr() : null,
                (flags & TIMESTAMP) != 0 ? FieldTables.timestamp(r.int64()) : null,
                (flags & TYPE) != 0 ? r.shortStr() : null,
                (flags & USER_ID) != 0 ? r.shortStr() : null,
                (flags & APP_ID) != 0 ? r.shortStr() : null,
                (flags & CLUSTER_ID) != 0 ? r.shortStr() : null);
        return new ContentHeader(classId, bodySize, p);
    }
}
