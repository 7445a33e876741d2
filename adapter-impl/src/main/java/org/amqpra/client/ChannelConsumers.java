package org.amqpra.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.amqpra.AmqpMessageListener;

/**
 * The consumers of one channel by consumer tag. Application threads add and remove them
 * (basic.consume with nowait, basic.cancel-ok); the reader thread looks them up for each
 * delivery, registers them when consume-ok arrives (before the first delivery can), removes
 * one the broker cancels, and forgets all when the broker closes the channel.
 */
final class ChannelConsumers {
    /** What a consumer tag stands for. */
    record Entry(AmqpMessageListener listener, Consumer<String> onCancel, boolean noAck) {}

    private final Map<String, Entry> byTag = new ConcurrentHashMap<>();

    void put(String tag, Entry e) {
        byTag.put(tag, e);
    }

    Entry get(String tag) {
        return byTag.get(tag);
    }

    Entry remove(String tag) {
        return byTag.remove(tag);
    }

    /** Removes every consumer and returns them in a map of its own. */
    Map<String, Entry> takeAll() {
        Map<String, Entry> all = new LinkedHashMap<>(byTag);
        byTag.keySet().removeAll(all.keySet());
        return all;
    }
}
