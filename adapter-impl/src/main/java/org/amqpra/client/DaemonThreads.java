package org.amqpra.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Default thread factory outside containers: named daemon threads. */
final class DaemonThreads implements ThreadFactory {
    static final DaemonThreads INSTANCE = new DaemonThreads();
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "amqp-ra-" + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
