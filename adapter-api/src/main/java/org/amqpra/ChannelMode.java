package org.amqpra;

/** The mode a channel is in; a channel in tx or confirm mode never leaves it. */
public enum ChannelMode {
    /** Neither transactional nor confirming. */
    NONE,
    /** After {@code tx.select}: publishes and acks take effect on {@code tx.commit}. */
    TX,
    /** After {@code confirm.select}: the broker acks or nacks every publish. */
    CONFIRM
}
