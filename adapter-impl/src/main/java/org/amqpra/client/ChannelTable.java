package org.amqpra.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.amqpra.ReplyInfo;
import org.amqpra.ResourceErrorException;

/**
 * The channels of a connection by number. New numbers are handed out round-robin after the last
 * one given, so a number freed by a close-ok is not reused at once (a late frame for the old
 * channel must not reach a new one).
 */
final class ChannelTable {
    private final Map<Integer, ChannelImpl> channels = new ConcurrentHashMap<>();
    private final int max;
    private int last;

    ChannelTable(int max) {
        this.max = max;
    }

    ChannelImpl get(int id) {
        return channels.get(id);
    }

    /** Reserves the next free number and registers the channel built for it. */
    synchronized ChannelImpl allocate(IntFunction<ChannelImpl> factory) {
        for (int i = 0; i < max; i++) {
            int candidate = (last + i) % max + 1;
            if (!channels.containsKey(candidate)) {
                last = candidate;
                ChannelImpl ch = factory.apply(candidate);
                channels.put(candidate, ch);
                return ch;
            }
        }
        throw new ResourceErrorException(ReplyInfo.local(0, "all " + max + " channel numbers are in use"));
    }

    /** Registers a channel under a chosen number; false if it is taken. */
    synchronized boolean register(ChannelImpl ch) {
        if (ch.channelId() < 1 || ch.channelId() > max) {
            throw new IllegalArgumentException("channel id must be 1-" + max + ", got " + ch.channelId());
        }
        return channels.putIfAbsent(ch.channelId(), ch) == null;
    }

    void remove(ChannelImpl ch) {
        channels.remove(ch.channelId(), ch);
    }

    Collection<ChannelImpl> snapshot() {
        List<ChannelImpl> l = new ArrayList<>(channels.values());
        return l;
    }
}
