package org.amqpra.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/** The scenarios with our client, the way its README shows. */
final class OurClient implements BenchClient {
    private final Connection conn;
    private final Channel admin;
    private final ExecutorService dispatch;

    /** Consumer callbacks run in drainEvents on the waiting thread (amqpy's model). */
    OurClient(String host, int port) {
        this(host, port, null);
    }

    /**
     * With {@code dispatch} non-null, consumer callbacks run on it instead (the container's
     * model, and the RabbitMQ client's: a pool thread calls the consumer).
     */
    OurClient(String host, int port, ExecutorService dispatch) {
        ConnectionParameters.Builder b = ConnectionParameters.builder()
                .host(host)
                .port(port)
                .heartbeat(Duration.ofSeconds(60))
                .loginMethod("PLAIN");
        if (dispatch != null) {
            b.dispatchExecutor(dispatch);
        }
        conn = Connection.open(b.build());
        admin = conn.channel();
        this.dispatch = dispatch;
    }

    /** A client whose callbacks run on a single dispatch thread of its own. */
    static OurClient withDispatchThread(String host, int port) {
        return new OurClient(host, port, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-dispatch");
            t.setDaemon(true);
            return t;
        }));
    }

    @Override
    public String name() {
        return "amqp-ra";
    }

    @Override
    public String freshQueue(String prefix) {
        String q = "bench." + prefix + "." + System.nanoTime();
        admin.queueDeclare(q, false, false, false, false, false, null);
        return q;
    }

    @Override
    public void deleteQueue(String q) {
        admin.queueDelete(q);
    }

    @Override
    public long depth(String q) {
        return admin.queueDeclare(q, true, false, false, false, false, null).messageCount();
    }

    @Override
    public void publish(String q, byte[] body, int count) {
        Channel ch = conn.channel();
        Message m = Message.builder(body).build();
        for (int i = 0; i < count; i++) {
            ch.basicPublish(m, "", q);
        }
        ch.close();
    }

    @Override
    public void publishConfirmed(String q, byte[] body, int count, int window) throws Exception {
        Channel ch = conn.channel();
        ch.confirmSelect();
        Message m = Message.builder(body).build();
        Duration timeout = Duration.ofSeconds(60);
        for (int i = 0; i < count; i++) {
            ch.awaitConfirmWindow(window, timeout);
            ch.basicPublishAsync(m, "", q, false);
        }
        if (!ch.waitForConfirms(timeout)) {
            throw new IllegalStateException("a publish was nacked");
        }
        ch.close();
    }

    @Override
    public TxPublisher txPublisher(String q, byte[] body) {
        Channel ch = conn.channel();
        ch.txSelect();
        Message m = Message.builder(body).build();
        return new TxPublisher() {
            @Override
            public void commitBatch(int messages) {
                for (int i = 0; i < messages; i++) {
                    ch.basicPublish(m, "", q);
                }
                ch.txCommit();
            }

            @Override
            public void close() {
                ch.close();
            }
        };
    }

    @Override
    public void consume(String q, int count, int prefetch, int ackEvery) {
        Channel ch = conn.channel();
        ch.basicQos(0, prefetch, false);
        int[] got = {0};
        String tag = ch.basicConsume(q, m -> {
            got[0]++;
            if (ackEvery == 1) {
                ch.basicAck(m.deliveryTag());
            } else if (got[0] % ackEvery == 0 || got[0] == count) {
                ch.basicAck(m.deliveryTag(), true);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (got[0] < count && System.nanoTime() < deadline) {
            conn.loop(Duration.ofMillis(50));
        }
        ch.basicCancel(tag);
        ch.close();
        if (got[0] < count) {
            throw new IllegalStateException("consumed " + got[0] + " of " + count);
        }
    }

    @Override
    public RoundTripper roundTripper(String q, byte[] body) {
        if (dispatch != null) {
            return dispatchedRoundTripper(q, body);
        }
        Channel ch = conn.channel();
        long[] arrivedAt = {0};
        ch.basicConsume(q, "", false, true, false, false, m -> arrivedAt[0] = System.nanoTime(), null, null);
        Message m = Message.builder(body).build();
        return new RoundTripper() {
            @Override
            public long once() {
                arrivedAt[0] = 0;
                long t0 = System.nanoTime();
                ch.basicPublish(m, "", q);
                while (arrivedAt[0] == 0) {
                    conn.drainEvents(Duration.ofSeconds(10)); // the callback runs here, on this thread
                }
                return arrivedAt[0] - t0;
            }

            @Override
            public void close() {
                ch.close();
            }
        };
    }

    /** Round trips with the callback on the dispatch thread, handing the arrival time over as theirs does. */
    private RoundTripper dispatchedRoundTripper(String q, byte[] body) {
        Channel ch = conn.channel();
        SynchronousQueue<Long> arrived = new SynchronousQueue<>();
        ch.basicConsume(
                q,
                "",
                false,
                true,
                false,
                false,
                m -> {
                    try {
                        arrived.put(System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                null,
                null);
        Message m = Message.builder(body).build();
        return new RoundTripper() {
            @Override
            public long once() throws Exception {
                long t0 = System.nanoTime();
                ch.basicPublish(m, "", q);
                Long t1 = arrived.poll(10, TimeUnit.SECONDS);
                if (t1 == null) {
                    throw new IllegalStateException("a round trip timed out");
                }
                return t1 - t0;
            }

            @Override
            public void close() {
                ch.close();
            }
        };
    }

    @Override
    public void close() {
        conn.close();
        if (dispatch != null) {
            dispatch.shutdown();
        }
    }
}
