package org.amqpra.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amqpra.BasicProperties;
import org.amqpra.Channel;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 7, whole publish path: {@code Channel.basicPublish} of each client into the
 * loopback sink (no broker), so that {@code -prof gc} counts every byte the publishing thread
 * and the client's own threads allocate per message, not only the frame encoder's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishPathBenchmark {
    private LoopbackBroker sink;
    private Connection ours;
    private Channel ourChannel;
    private com.rabbitmq.client.Connection theirs;
    private com.rabbitmq.client.Channel theirChannel;
    private final byte[] body16 = new byte[16];
    private Message plain;
    private Message full;
    private com.rabbitmq.client.AMQP.BasicProperties theirPlain;
    private com.rabbitmq.client.AMQP.BasicProperties theirFull;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        sink = new LoopbackBroker(0, body16);
        ours = Connection.open(ConnectionParameters.builder()
                .host("127.0.0.1")
                .port(sink.port())
                .heartbeat(Duration.ZERO)
                .loginMethod("PLAIN")
                .build());
        ourChannel = ours.channel();
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(sink.port());
        f.setRequestedHeartbeat(0);
        theirs = f.newConnection();
        theirChannel = theirs.createChannel();

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("trace-id", "4bf92f3577b34da6a3ce929d0e0e4736");
        headers.put("attempt", 3);
        headers.put("created", Instant.ofEpochSecond(1_700_000_000L));
        headers.put("tenant", "acme");
        plain = Message.builder(body16).build();
        full = Message.builder(body16)
                .properties(new BasicProperties(
                        "application/json",
                        "UTF-8",
                        headers,
                        2,
                        5,
                        "corr-123",
                        "reply.q",
                        "60000",
                        "msg-456",
                        Instant.ofEpochSecond(1_700_000_000L),
                        "order.created",
                        "guest",
                        "shop",
                        null))
                .build();
        Map<String, Object> theirHeaders = new LinkedHashMap<>(headers);
        theirHeaders.put("created", java.util.Date.from(Instant.ofEpochSecond(1_700_000_000L))); // no Instant there
        theirPlain = new com.rabbitmq.client.AMQP.BasicProperties();
        theirFull = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("UTF-8")
                .headers(theirHeaders)
                .deliveryMode(2)
                .priority(5)
                .correlationId("corr-123")
                .replyTo("reply.q")
                .expiration("60000")
                .messageId("msg-456")
                .timestamp(java.util.Date.from(Instant.ofEpochSecond(1_700_000_000L)))
                .type("order.created")
                .userId("guest")
                .appId("shop")
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ours.close();
        theirs.abort();
        sink.close();
    }

    /** Ours: 16-byte body, no properties. */
    @Benchmark
    public void oursPublish16() {
        ourChannel.basicPublish(plain, "", "bench");
    }

    /** Ours: 16-byte body, 13 properties and four headers. */
    @Benchmark
    public void oursPublishFullProperties() {
        ourChannel.basicPublish(full, "", "bench");
    }

    /** The RabbitMQ client: 16-byte body, no properties. */
    @Benchmark
    public void theirsPublish16() throws Exception {
        theirChannel.basicPublish("", "bench", theirPlain, body16);
    }

    /** The RabbitMQ client: 16-byte body, 13 properties and four headers. */
    @Benchmark
    public void theirsPublishFullProperties() throws Exception {
        theirChannel.basicPublish("", "bench", theirFull, body16);
    }
}
