package org.amqpra;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMQP message: a body, the 14 basic properties and, for received messages, the delivery
 * information and the means to settle it ({@link #ack()}, {@link #nack(boolean)},
 * {@link #reject(boolean)}).
 *
 * <p>Build outgoing messages with {@link #builder(String)} or {@link #builder(byte[])}. As in
 * amqpy, a message built from a {@code String} gets {@code content_encoding=UTF-8} unless another
 * encoding is set, and its text is encoded with the encoding the message ends up with;
 * {@link #bodyAsString()} decodes with the content encoding (auto-decoding). Encodings are named
 * as Java or Python name them ({@link ContentEncodings}).
 *
 * <p>Messages compare by value, as amqpy's do: two messages are equal when their bodies and
 * their properties are; delivery information (tag, redelivered flag, exchange, routing key,
 * consumer tag) is not part of it, so a message received twice equals itself.
 */
public final class Message {
    /** How many characters of a text body {@link #toString()} shows. */
    private static final int PREVIEW = 64;

    private final byte[] body;
    private final BasicProperties properties;
    private final Envelope envelope;
    private final MessageAcknowledger acknowledger;

    private Message(byte[] body, BasicProperties properties, Envelope envelope, MessageAcknowledger acknowledger) {
        this.body = body;
        this.properties = properties;
        this.envelope = envelope;
        this.acknowledger = acknowledger;
    }

    /**
     * A message whose body is {@code text}, with {@code contentEncoding("UTF-8")}: the text is
     * encoded when the message is built, with the content encoding it has then.
     */
    public static Builder builder(String text) {
        if (text == null) {
            throw new IllegalArgumentException("body must not be null (use an empty string)");
        }
        return new Builder(null, text).contentEncoding("UTF-8");
    }

    /** A message with a binary body (the array is not copied). */
    public static Builder builder(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null (use an empty array)");
        }
        return new Builder(body, null);
    }

    /**
     * A received message; for client implementations.
     *
     * @param body         the assembled body
     * @param properties   decoded content header
     * @param envelope     delivery information
     * @param acknowledger settles the message, may be null for no-ack deliveries and returns
     */
    public static Message received(
            byte[] body, BasicProperties properties, Envelope envelope, MessageAcknowledger acknowledger) {
        return new Message(body, properties, envelope, acknowledger);
    }

    /** The body bytes (not copied: do not modify). */
    public byte[] body() {
        return body;
    }

    /**
     * The body decoded with the charset {@link #contentEncoding()} names ({@link ContentEncodings}:
     * Java's or Python's spelling), UTF-8 when there is no content encoding.
     *
     * @throws IllegalStateException when the content encoding names no charset (a content-coding
     *     such as {@code gzip}, or an unknown label): use {@link #body()} or
     *     {@link #bodyAsString(Charset)}
     */
    public String bodyAsString() {
        String enc = properties.contentEncoding();
        if (enc == null) {
            return new String(body, StandardCharsets.UTF_8);
        }
        Charset cs = ContentEncodings.charset(enc);
        if (cs == null) {
            throw new IllegalStateException("content encoding '" + enc + "' names no charset Java knows: "
                    + "read body() or bodyAsString(Charset)");
        }
        return new String(body, cs);
    }

    /** The body decoded with {@code charset}, whatever the content encoding says. */
    public String bodyAsString(Charset charset) {
        return new String(body, charset);
    }

    /** All properties as one value. */
    public BasicProperties properties() {
        return properties;
    }

    /** MIME content type, or null. */
    public String contentType() {
        return properties.contentType();
    }

    /** MIME content encoding, or null. */
    public String contentEncoding() {
        return properties.contentEncoding();
    }

    /** Application headers (read-only), or null. */
    public Map<String, Object> headers() {
        return properties.headers();
    }

    /** One application header, or null. */
    public Object header(String name) {
        Map<String, Object> h = properties.headers();
        return h == null ? null : h.get(name);
    }

    /** 1 non-persistent, 2 persistent, or null. */
    public Integer deliveryMode() {
        return properties.deliveryMode();
    }

    /** Priority, or null. */
    public Integer priority() {
        return properties.priority();
    }

    /** Correlation id, or null. */
    public String correlationId() {
        return properties.correlationId();
    }

    /** Reply-to address, or null. */
    public String replyTo() {
        return properties.replyTo();
    }

    /** Expiration (TTL in ms as a string), or null. */
    public String expiration() {
        return properties.expiration();
    }

    /** Message id, or null. */
    public String messageId() {
        return properties.messageId();
    }

    /** Timestamp (whole seconds), or null. */
    public Instant timestamp() {
        return properties.timestamp();
    }

    /** Type name, or null. */
    public String type() {
        return properties.type();
    }

    /** User id, or null. */
    public String userId() {
        return properties.userId();
    }

    /** Application id, or null. */
    public String appId() {
        return properties.appId();
    }

    /** Cluster id, or null. */
    public String clusterId() {
        return properties.clusterId();
    }

    /** Delivery information, null for a message that was not received. */
    public Envelope envelope() {
        return envelope;
    }

    /** Delivery tag; throws for a message that was not received. */
    public long deliveryTag() {
        return received().deliveryTag();
    }

    /** True when the broker delivered this message before. */
    public boolean redelivered() {
        return received().redelivered();
    }

    /** Exchange the message was published to. */
    public String exchange() {
        return received().exchange();
    }

    /** Routing key the message was published with. */
    public String routingKey() {
        return received().routingKey();
    }

    /** Consumer tag for consumer deliveries, null for {@code basic.get}. */
    public String consumerTag() {
        return received().consumerTag();
    }

    /** Channel the message was received on, or null. */
    public Channel channel() {
        return acknowledger == null ? null : acknowledger.channel();
    }

    /** Acknowledges this message ({@code basic.ack}, not multiple). */
    public void ack() {
        settler().ack(received(), false);
    }

    /** Negatively acknowledges this message ({@code basic.nack}, RabbitMQ extension). */
    public void nack(boolean requeue) {
        settler().nack(received(), false, requeue);
    }

    /** Rejects this message ({@code basic.reject}). */
    public void reject(boolean requeue) {
        settler().reject(received(), requeue);
    }

    private Envelope received() {
        if (envelope == null) {
            throw new IllegalStateException("this message was not received from a broker");
        }
        return envelope;
    }

    private MessageAcknowledger settler() {
        if (acknowledger == null) {
            throw new IllegalStateException("this message cannot be settled (returned, or received with no-ack)");
        }
        return acknowledger;
    }

    @Override
    public String toString() {
        return "Message{body=" + bodyPreview() + ", " + properties + (envelope == null ? "" : ", " + envelope) + '}';
    }

    /** At most {@link #PREVIEW} characters of a text body, or the size of any other. */
    private String bodyPreview() {
        Charset cs =
                properties.contentEncoding() == null ? null : ContentEncodings.charset(properties.contentEncoding());
        if (cs == null) {
            return body.length + " bytes";
        }
        String text = new String(body, 0, Math.min(body.length, PREVIEW * 4), cs);
        return body.length + " bytes \"" + (text.length() > PREVIEW ? text.substring(0, PREVIEW) + "..." : text) + '"';
    }

    /**
     * Equal when the bodies and the properties are equal; delivery information is not compared.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return Arrays.equals(body, m.body) && properties.equals(m.properties);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(body) + properties.hashCode();
    }

    /** Builds an outgoing message. Every setter accepts null to clear the property. */
    public static final class Builder {
        /** The text body in the content encoding the message ends up with (UTF-8 without one). */
        private byte[] encodeText() {
            if (contentEncoding == null) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            Charset cs = ContentEncodings.charset(contentEncoding);
            if (cs == null) {
                throw new InvalidArgumentException(
                        "basic properties",
                        "content-encoding",
                        "'" + contentEncoding
                                + "' names no charset Java knows, so a text body cannot be encoded with it"
                                + " (build the message from bytes to send them labelled so)");
            }
            if (!cs.canEncode()) {
                throw new InvalidArgumentException(
                        "basic properties", "content-encoding", "'" + contentEncoding + "' can only decode");
            }
            try {
                ByteBuffer b = cs.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(text));
                return Arrays.copyOf(b.array(), b.limit());
            } catch (CharacterCodingException e) {
                throw new InvalidArgumentException(
                        "basic properties",
                        "content-encoding",
                        "'" + contentEncoding + "' cannot encode this text (" + e + "): nothing is replaced silently");
            }
        }

        private final byte[] body;
        private final String text;
        private String contentType;
        private String contentEncoding;
        private Map<String, Object> headers;
        private Integer deliveryMode;
        private Integer priority;
        private String correlationId;
        private String replyTo;
        private String expiration;
        private String messageId;
        private Instant timestamp;
        private String type;
        private String userId;
        private String appId;
        private String clusterId;

        private Builder(byte[] body, String text) {
            this.body = body;
            this.text = text;
        }

        /** Copies every property from {@code p}. */
        public Builder properties(BasicProperties p) {
            contentType = p.contentType();
            contentEncoding = p.contentEncoding();
            headers = p.headers() == null ? null : new LinkedHashMap<>(p.headers());
            deliveryMode = p.deliveryMode();
            priority = p.priority();
            correlationId = p.correlationId();
            replyTo = p.replyTo();
            expiration = p.expiration();
            messageId = p.messageId();
            timestamp = p.timestamp();
            type = p.type();
            userId = p.userId();
            appId = p.appId();
            clusterId = p.clusterId();
            return this;
        }

        /** Sets content_type. */
        public Builder contentType(String v) {
            contentType = v;
            return this;
        }

        /** Sets content_encoding. */
        public Builder contentEncoding(String v) {
            contentEncoding = v;
            return this;
        }

        /** Adds one application header; the value must be a {@link FieldValues} type. */
        public Builder header(String name, Object value) {
            if (headers == null) {
                headers = new LinkedHashMap<>();
            }
            headers.put(name, value);
            return this;
        }

        /** Replaces all application headers. */
        public Builder headers(Map<String, Object> v) {
            headers = v == null ? null : new LinkedHashMap<>(v);
            return this;
        }

        /** Sets delivery_mode (1 non-persistent, 2 persistent). */
        public Builder deliveryMode(Integer v) {
            deliveryMode = v;
            return this;
        }

        /** delivery_mode 2: the broker writes the message to disk on durable queues. */
        public Builder persistent() {
            deliveryMode = 2;
            return this;
        }

        /** Sets priority (0-9). */
        public Builder priority(Integer v) {
            priority = v;
            return this;
        }

        /** Sets correlation_id. */
        public Builder correlationId(String v) {
            correlationId = v;
            return this;
        }

        /** Sets reply_to. */
        public Builder replyTo(String v) {
            replyTo = v;
            return this;
        }

        /** Sets expiration (milliseconds as a string). */
        public Builder expiration(String v) {
            expiration = v;
            return this;
        }

        /** Sets message_id. */
        public Builder messageId(String v) {
            messageId = v;
            return this;
        }

        /** Sets timestamp; AMQP carries whole seconds, so sub-second parts are dropped. */
        public Builder timestamp(Instant v) {
            timestamp = v == null ? null : Instant.ofEpochSecond(v.getEpochSecond());
            return this;
        }

        /** Sets type. */
        public Builder type(String v) {
            type = v;
            return this;
        }

        /** Sets user_id (RabbitMQ checks it equals the connection's user). */
        public Builder userId(String v) {
            userId = v;
            return this;
        }

        /** Sets app_id. */
        public Builder appId(String v) {
            appId = v;
            return this;
        }

        /** Sets cluster_id. */
        public Builder clusterId(String v) {
            clusterId = v;
            return this;
        }

        /**
         * The message.
         *
         * @throws IllegalArgumentException if a header value has a type outside {@link FieldValues}
         * @throws InvalidArgumentException if a text body's content encoding names no charset, or
         *     the delivery mode is not 1 or 2, or the priority is outside 0-255
         */
        public Message build() {
            if (headers != null) {
                FieldValues.checkTable(headers);
            }
            if (deliveryMode != null && deliveryMode != 1 && deliveryMode != 2) {
                throw new InvalidArgumentException(
                        "basic properties",
                        "delivery-mode",
                        "must be 1 (transient), 2 (persistent) or unset, was " + deliveryMode);
            }
            return new Message(
                    text == null ? body : encodeText(),
                    new BasicProperties(
                            contentType,
                            contentEncoding,
                            headers,
                            deliveryMode,
                            priority,
                            correlationId,
                            replyTo,
                            expiration,
                            messageId,
                            timestamp,
                            type,
                            userId,
                            appId,
                            clusterId),
                    null,
                    null);
        }
    }
}
