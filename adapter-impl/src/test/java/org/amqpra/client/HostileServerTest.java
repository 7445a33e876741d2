package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.BasicProperties;
import org.amqpra.Channel;
import org.amqpra.ConnectionForcedException;
import org.amqpra.FrameErrorException;
import org.amqpra.FrameSyntaxErrorException;
import org.amqpra.ProtocolVersionMismatchException;
import org.amqpra.QueueDeclareOk;
import org.amqpra.UnexpectedFrameException;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.FakeBroker;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.ContentHeaderCodec;
import org.amqpra.wire.Frame;
import org.amqpra.wire.Methods;
import org.amqpra.wire.WireWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Malformed input from a hostile server: each case ends in a typed exception within a bounded
 * time, without a hang and without allocating what the peer announced.
 */
@Tag("broker")
class HostileServerTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static ConnectionParameters params(FakeBroker b) {
        return ConnectionParameters.builder()
                .host("127.0.0.1")
                .port(b.port())
                .loginMethod("PLAIN")
                .connectTimeout(Duration.ofSeconds(2))
                .rpcTimeout(Duration.ofMillis(800))
                .build();
    }

    private static <T extends AmqpException> T openFails(Class<T> type, FakeBroker.Script script) throws Exception {
        try (FakeBroker b = new FakeBroker(script)) {
            return assertTimeoutPreemptively(BOUND, () -> assertThrows(type, () -> Connection.open(params(b))));
        }
    }

    private static byte[] header(int classId, long bodySize) {
        WireWriter w = new WireWriter(32);
        ContentHeaderCodec.encode(classId, bodySize, BasicProperties.EMPTY, w);
        return w.toByteArray();
    }

    private static void sendGetOk(FakeBroker.Peer p) throws Exception {
        p.send(1, new AmqpMethod(Methods.BASIC_GET_OK, 1L, false, "", "q", 0L));
    }

    /**
     * Handshake and channel, then the client calls basicGet; {@code reply} answers it. The get
     * must fail with {@code type}, the connection must be closed, and the client must have told
     * the server with connection.close carrying {@code code}.
     */
    private static void getFails(Class<? extends AmqpException> type, int code, FakeBroker.Script reply)
            throws Exception {
        AtomicReference<AmqpMethod> closeFromClient = new AtomicReference<>();
        try (FakeBroker b = new FakeBroker(p -> {
            p.handshakeAndOpenChannel();
            p.readMethod(); // basic.get
            reply.run(p);
            closeFromClient.set(p.awaitClientClose());
        })) {
            assertTimeoutPreemptively(BOUND, () -> {
                Connection c = Connection.open(params(b));
                Channel ch = c.channel();
                AmqpException e = assertThrows(AmqpException.class, () -> ch.basicGet("q"));
                assertInstanceOf(type, e, e.toString());
                assertFalse(c.isConnected());
                Await.until(
                        Duration.ofSeconds(2), "connection.close from the client", () -> closeFromClient.get() != null);
            });
            assertNotNull(closeFromClient.get(), "client did not send connection.close");
            assertEquals(code, closeFromClient.get().num("reply-code"));
        }
    }

    @Test
    void serverAnsweringWithItsOwnProtocolHeaderIsAVersionMismatch() throws Exception {
        ProtocolVersionMismatchException e = openFails(ProtocolVersionMismatchException.class, p -> {
            p.readProtocolHeader();
            p.sendRaw(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0});
        });
        assertTrue(e.getMessage().contains("AMQP 0-1-0-0"), e.getMessage());
    }

    @Test
    void wrongFrameEndOctetIsAFrameError() throws Exception {
        openFails(FrameErrorException.class, p -> {
            p.readProtocolHeader();
            p.sendFrame(Frame.METHOD, 0, 4, new byte[] {0, 10, 0, 10}, 0x00);
        });
    }

    @Test
    void frameAnnouncingTwoGigabytesIsRefusedBeforeAllocating() throws Exception {
        openFails(FrameErrorException.class, p -> {
            p.readProtocolHeader();
            p.sendFrame(Frame.METHOD, 0, 0x7FFFFFFFL, new byte[0], 0xCE);
            p.stayQuiet(3000);
        });
    }

    @Test
    void unknownFrameTypeIsAFrameError() throws Exception {
        openFails(FrameErrorException.class, p -> {
            p.readProtocolHeader();
            p.sendFrame(9, 0, 0, new byte[0], 0xCE);
        });
    }

    @Test
    void unknownClassAndMethodIdsAreASyntaxError() throws Exception {
        openFails(FrameSyntaxErrorException.class, p -> {
            p.readProtocolHeader();
            p.sendFrame(Frame.METHOD, 0, 4, new byte[] {0, 99, 0, 99}, 0xCE);
        });
    }

    @Test
    void silentServerTimesOutTheHandshake() throws Exception {
        AmqpTimeoutException e = openFails(AmqpTimeoutException.class, p -> {
            p.readProtocolHeader();
            p.stayQuiet(5000);
        });
        assertTrue(e.getMessage().contains("2000 ms"), e.getMessage());
    }

    @Test
    void headerFrameOfAnotherClassIsAnUnexpectedFrame() throws Exception {
        getFails(UnexpectedFrameException.class, 505, p -> {
            sendGetOk(p);
            p.sendFrame(Frame.HEADER, 1, 14, header(50, 0), 0xCE);
        });
    }

    @Test
    void methodFrameInsideContentIsAnUnexpectedFrame() throws Exception {
        getFails(UnexpectedFrameException.class, 505, p -> {
            sendGetOk(p);
            byte[] h = header(60, 10);
            p.sendFrame(Frame.HEADER, 1, h.length, h, 0xCE);
            p.send(1, new AmqpMethod(Methods.BASIC_GET_EMPTY, ""));
        });
    }

    @Test
    void bodyLongerThanAnnouncedIsAFrameError() throws Exception {
        getFails(FrameErrorException.class, 501, p -> {
            sendGetOk(p);
            byte[] h = header(60, 3);
            p.sendFrame(Frame.HEADER, 1, h.length, h, 0xCE);
            p.sendFrame(Frame.BODY, 1, 5, new byte[5], 0xCE);
        });
    }

    @Test
    void bodyOverTheCapIsRefusedWithoutAllocatingIt() throws Exception {
        getFails(FrameErrorException.class, 501, p -> {
            sendGetOk(p);
            byte[] h = header(60, 1L << 40); // one terabyte announced
            p.sendFrame(Frame.HEADER, 1, h.length, h, 0xCE);
        });
    }

    @Test
    void negativeBodySizeIsASyntaxError() throws Exception {
        getFails(FrameSyntaxErrorException.class, 502, p -> {
            sendGetOk(p);
            byte[] h = header(60, 0);
            h[4] = (byte) 0x80; // body size high bit
            p.sendFrame(Frame.HEADER, 1, h.length, h, 0xCE);
        });
    }

    @Test
    void frameLargerThanNegotiatedFrameMaxIsAFrameError() throws Exception {
        getFails(FrameErrorException.class, 501, p -> {
            sendGetOk(p);
            byte[] h = header(60, 9000);
            p.sendFrame(Frame.HEADER, 1, h.length, h, 0xCE);
            p.sendFrame(Frame.BODY, 1, 9000, new byte[9000], 0xCE); // frame_max is 4096
        });
    }

    @Test
    void lateReplyAfterATimeoutIsNeverHandedToTheNextCall() throws Exception {
        try (FakeBroker b = new FakeBroker(p -> {
            p.handshakeAndOpenChannel();
            AmqpMethod first = p.readMethod();
            AmqpMethod second = p.readMethod(); // arrives after the first call timed out
            p.send(1, new AmqpMethod(Methods.QUEUE_DECLARE_OK, first.str("queue"), 1L, 0L));
            p.send(1, new AmqpMethod(Methods.QUEUE_DECLARE_OK, second.str("queue"), 2L, 0L));
            p.awaitClientClose();
        })) {
            assertTimeoutPreemptively(BOUND, () -> {
                try (Connection c = Connection.open(params(b))) {
                    Channel ch = c.channel();
                    AmqpTimeoutException t = assertThrows(AmqpTimeoutException.class, () -> ch.queueDeclare("first"));
                    assertTrue(t.getMessage().contains("queue.declare"), t.getMessage());
                    QueueDeclareOk ok = ch.queueDeclare("second");
                    assertEquals("second", ok.queue());
                    assertEquals(2, ok.messageCount());
                }
            });
        }
    }

    @Test
    void connectionCloseFromTheServerFailsEveryPendingCallWithItsCodeAndText() throws Exception {
        try (FakeBroker b = new FakeBroker(p -> {
            p.handshake();
            p.readMethod(); // channel.open 1
            p.send(1, new AmqpMethod(Methods.CHANNEL_OPEN_OK, new byte[0]));
            p.readMethod(); // channel.open 2
            p.send(2, new AmqpMethod(Methods.CHANNEL_OPEN_OK, new byte[0]));
            p.readMethod(); // two declares pending
            p.readMethod();
            p.send(0, new AmqpMethod(Methods.CONNECTION_CLOSE, 320, "CONNECTION_FORCED - broker shutdown", 0, 0));
            p.readMethod(); // close-ok
        })) {
            assertTimeoutPreemptively(BOUND, () -> {
                Connection c = Connection.open(ConnectionParameters.builder()
                        .host("127.0.0.1")
                        .port(b.port())
                        .rpcTimeout(Duration.ofSeconds(5))
                        .build());
                Channel c1 = c.channel();
                Channel c2 = c.channel();
                CompletableFuture<QueueDeclareOk> f1 = CompletableFuture.supplyAsync(() -> c1.queueDeclare("a"));
                CompletableFuture<QueueDeclareOk> f2 = CompletableFuture.supplyAsync(() -> c2.queueDeclare("b"));
                for (CompletableFuture<QueueDeclareOk> f : java.util.List.of(f1, f2)) {
                    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
                    ConnectionForcedException cf = assertInstanceOf(ConnectionForcedException.class, e.getCause());
                    assertEquals(320, cf.replyCode());
                    assertTrue(cf.replyText().contains("broker shutdown"));
                }
                assertFalse(c.isConnected());
                assertThrows(ConnectionForcedException.class, c1::queueDeclare);
            });
            assertEquals(null, b.scriptFailure());
        }
    }
}
