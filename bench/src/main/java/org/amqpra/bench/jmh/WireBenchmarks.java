package org.amqpra.bench.jmh;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amqpra.BasicProperties;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Command;
import org.amqpra.wire.CommandAssembler;
import org.amqpra.wire.ContentHeaderCodec;
import org.amqpra.wire.FieldTables;
import org.amqpra.wire.Frame;
import org.amqpra.wire.FrameEncoder;
import org.amqpra.wire.MethodCodec;
import org.amqpra.wire.Methods;
import org.amqpra.wire.WireReader;
import org.amqpra.wire.WireWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 7: the wire layer alone. Run with {@code -prof gc} to see allocation per operation;
 * the publish encode path should allocate nothing (the writer's buffer is reused).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireBenchmarks {
    private final WireWriter writer = new WireWriter(64 * 1024);
    private final byte[] body16 = new byte[16];
    private BasicProperties fullProps;
    private Map<String, Object> headers;
    private byte[] encodedHeader;
    private byte[] encodedTable;
    private Frame deliverFrame;
    private Frame headerFrame;
    private Frame bodyFrame;
    private final CommandAssembler assembler = new CommandAssembler(1 << 20);

    @Setup
    public void setUp() {
        headers = new LinkedHashMap<>();
        headers.put("trace-id", "4bf92f3577b34da6a3ce929d0e0e4736");
        headers.put("attempt", 3);
        headers.put("created", Instant.ofEpochSecond(1_700_000_000L));
        headers.put("tenant", "acme");
        fullProps = new BasicProperties(
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
                null);
        WireWriter w = new WireWriter(1024);
        ContentHeaderCodec.encode(60, 16, fullProps, w);
        encodedHeader = w.toByteArray();
        w = new WireWriter(1024);
        FieldTables.write(w, headers);
        encodedTable = w.toByteArray();
        w = new WireWriter(1024);
        MethodCodec.encode(new AmqpMethod(Methods.BASIC_DELIVER, "ctag-1", 42L, false, "orders", "created"), w);
        deliverFrame = new Frame(Frame.METHOD, 1, w.toByteArray());
        w = new WireWriter(1024);
        ContentHeaderCodec.encode(60, 16, BasicProperties.EMPTY, w);
        headerFrame = new Frame(Frame.HEADER, 1, w.toByteArray());
        bodyFrame = new Frame(Frame.BODY, 1, body16);
    }

    /** A whole 16-byte publish (method, header, body frames), no properties: should not allocate. */
    @Benchmark
    public int encodePublish16() {
        writer.reset();
        FrameEncoder.publish(writer, 1, "orders", "created", false, false);
        FrameEncoder.header(writer, 1, 60, body16.length, BasicProperties.EMPTY);
        FrameEncoder.body(writer, 1, body16, 0, body16.length);
        return writer.position();
    }

    /** A publish with all properties and four headers. */
    @Benchmark
    public int encodePublishFullProperties() {
        writer.reset();
        FrameEncoder.publish(writer, 1, "orders", "created", false, false);
        FrameEncoder.header(writer, 1, 60, body16.length, fullProps);
        FrameEncoder.body(writer, 1, body16, 0, body16.length);
        return writer.position();
    }

    /** Content header with all properties, decoded. */
    @Benchmark
    public Object decodeContentHeader() {
        return ContentHeaderCodec.decode(new WireReader(encodedHeader));
    }

    /** Field table of four typical headers, encoded. */
    @Benchmark
    public int encodeFieldTable() {
        writer.reset();
        FieldTables.write(writer, headers);
        return writer.position();
    }

    /** Field table of four typical headers, decoded. */
    @Benchmark
    public Object decodeFieldTable() {
        return FieldTables.read(new WireReader(encodedTable));
    }

    /** A delivery (method, header, body frames) assembled into a command. */
    @Benchmark
    public Command assembleDelivery() {
        assembler.handle(deliverFrame);
        assembler.handle(headerFrame);
        return assembler.handle(bodyFrame);
    }
}
