package org.amqpra.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/** The same scenarios with com.rabbitmq:amqp-client, the way its documentation shows. */
final class RabbitClient implements BenchClient {
    private final Connection conn;
    private final Channel admin;

    RabbitClient(String host, int port) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername("guest");
        f.setPassword("guest");
        f.setAutomaticRecoveryEnabled(false);
        conn = f.newConnection();
        admin = conn.createChannel();
    }

    @Override
    public String name() {
        return "rabbitmq-java";
    }

    @Override
    public String freshQueue(String prefix) throws IOException {
        String q = "bench." + prefix + "." + System.nanoTime();
        admin.queueDeclare(q, false, false, false, null);
        return q;
    }

    @Override
    public void deleteQueue(String q) throws IOException {
        admin.queueDelete(q);
    }

    @Override
    public long depth(String q) throws IOException {
        return admin.queueDeclarePassive(q).getMessageCount();
    }

    @Override
    public void publish(String q, byte[] body, int count) throws Exception {
        Channel ch = conn.createChannel();
        AMQP.BasicProperties props = new AMQP.BasicProperties();
        for (int i = 0; i < count; i++) {
            ch.basicPublish("", q, props, body);
        }
        ch.close();
    }

    @Override
    public void publishConfirmed(String q, byte[] body, int count, int window) throws Exception {
        Channel ch = conn.createChannel();
        ch.confirmSelect();
        Semaphore outstanding = new Semaphore(window);
        // every acked or nacked sequence number releases its permit; multiple=true covers a range
        java.util.concurrent.ConcurrentSkipListSet<Long> unconfirmed =
                new java.util.concurrent.ConcurrentSkipListSet<>();
        ch.addConfirmListener(
                (tag, multiple) -> release(unconfirmed, outstanding, tag, multiple),
                (tag, multiple) -> release(unconfirmed, outstanding, tag, multiple));
        AMQP.BasicProperties props = new AMQP.BasicProperties();
        for (int i = 0; i < count; i++) {
            outstanding.acquire();
            unconfirmed.add(ch.getNextPublishSeqNo());
            ch.basicPublish("", q, props, body);
        }
        if (!outstanding.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("confirms did not arrive");
        }
        ch.close();
    }

    private static void release(
            java.util.concurrent.ConcurrentSkipListSet<Long> unconfirmed, Semaphore s, long tag, boolean multiple) {
        if (multiple) {
            java.util.NavigableSet<Long> head = unconfirmed.headSet(tag, true);
            int n = 0;
            while (head.pollFirst() != null) {
                n++;
            }
            s.release(n);
        } else if (unconfirmed.remove(tag)) {
            s.release();
        }
    }

    @Override
    public TxPublisher txPublisher(String q, byte[] body) throws Exception {
        Channel ch = conn.createChannel();
        ch.txSelect();
        AMQP.BasicProperties props = new AMQP.BasicProperties();
        return new TxPublisher() {
            @Override
            public void commitBatch(int messages) throws Exception {
                for (int i = 0; i < messages; i++) {
                    ch.basicPublish("", q, props, body);
                }
                ch.txCommit();
            }

            @Override
            public void close() throws Exception {
                ch.close();
            }
        };
    }

    @Override
    public void consume(String q, int count, int prefetch, int ackEvery) throws Exception {
        Channel ch = conn.createChannel();
        ch.basicQos(prefetch);
        CountDownLatch done = new CountDownLatch(count);
        int[] got = {0};
        String tag = ch.basicConsume(q, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String consumerTag, Envelope env, AMQP.BasicProperties p, byte[] b)
                    throws IOException {
                got[0]++;
                if (ackEvery == 1) {
                    ch.basicAck(env.getDeliveryTag(), false);
                } else if (got[0] % ackEvery == 0 || got[0] == count) {
                    ch.basicAck(env.getDeliveryTag(), true);
                }
                done.countDown();
            }
        });
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("consumed " + (count - done.getCount()) + " of " + count);
        }
        ch.basicCancel(tag);
        ch.close();
    }

    @Override
    public RoundTripper roundTripper(String q, byte[] body) throws Exception {
        Channel ch = conn.createChannel();
        SynchronousQueue<Long> arrived = new SynchronousQueue<>();
        ch.basicConsume(q, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String consumerTag, Envelope env, AMQP.BasicProperties p, byte[] b) {
                try {
                    arrived.put(System.nanoTime());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        AMQP.BasicProperties props = new AMQP.BasicProperties();
        return new RoundTripper() {
            @Override
            public long once() throws Exception {
                long t0 = System.nanoTime();
                ch.basicPublish("", q, props, body);
                Long t1 = arrived.poll(10, TimeUnit.SECONDS);
                if (t1 == null) {
                    throw new IllegalStateException("a round trip timed out");
                }
                return t1 - t0;
            }

            @Override
            public void close() throws Exception {
                ch.close();
            }
        };
    }

    @Override
    public void close() throws Exception {
        conn.close();
    }
}
