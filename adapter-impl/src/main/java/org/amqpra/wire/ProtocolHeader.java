package org.amqpra.wire;

/** The 8 octets a client sends first: "AMQP", 0, 0, 9, 1. */
public final class ProtocolHeader {
    /** AMQP 0-9-1. */
    public static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private ProtocolHeader() {}
}
