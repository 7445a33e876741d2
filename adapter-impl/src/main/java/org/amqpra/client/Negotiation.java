package org.amqpra.client;

/** Tuning results and the rule RabbitMQ's clients use to reach them. */
record Negotiation(int channelMax, long frameMax, int heartbeatSeconds) {

    /**
     * channel_max, frame_max and heartbeat: 0 means "no limit" (for heartbeat: "none requested"),
     * so if either side says 0 the other side's value wins; otherwise the smaller one.
     */
    static long negotiate(long client, long server) {
        return client == 0 || server == 0 ? Math.max(client, server) : Math.min(client, server);
    }

    /** Channel numbers available: channel_max 0 means 65535. */
    int usableChannelMax() {
        return channelMax == 0 ? 65535 : channelMax;
    }
}
