package org.amqpra.wire;

/** The argument types of AMQP 0-9-1 method fields (the spec's domains reduce to these). */
public enum FieldType {
    /** A single bit; consecutive bits share octets. */
    BIT,
    /** Unsigned 8-bit integer. */
    OCTET,
    /** Unsigned 16-bit integer. */
    SHORT,
    /** Unsigned 32-bit integer (read as a long). */
    LONG,
    /** 64-bit integer. */
    LONGLONG,
    /** Length-prefixed (one octet) UTF-8 string, at most 255 bytes. */
    SHORTSTR,
    /** Length-prefixed (four octets) byte string. */
    LONGSTR,
    /** 64-bit POSIX time in seconds. */
    TIMESTAMP,
    /** Field table. */
    TABLE
}
