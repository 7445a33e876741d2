package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.amqpra.Channel;
import org.amqpra.ConnectionLostException;
import org.amqpra.Message;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.FakeBroker;
import org.amqpra.wire.AmqpMethod;
import org.amqpra.wire.Frame;
import org.amqpra.wire.MethodCodec;
import org.amqpra.wire.Methods;
import org.amqpra.wire.WireReader;
import org.junit.jupiter.api.Test;

/**
 * A publisher whose socket write waits because the peer stopped reading: an interrupt must not
 * end the connection (it is shared, and containers interrupt application threads), and a write
 * stalled beyond the write timeout must end it, failing the publisher instead of hanging it.
 */
class StalledWriteTest {
    private static final byte[] BODY = new byte[64 * 1024];

    private static ConnectionParameters params(FakeBroker b, Duration writeTimeout) {
        return ConnectionParameters.builder()
                .host("127.0.0.1")
                .port(b.port())
                .loginMethod("PLAIN")
                .connectTimeout(Duration.ofSeconds(2))
                .writeTimeout(writeTimeout)
                .build();
    }

    /** Publishes until interrupted, or failed; counts the publishes that returned. */
    private static final class Publisher extends Thread {
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger interruptsSeen = new AtomicInteger();
        volatile boolean stop;
        private final Channel ch;

        Publisher(Channel ch) {
            super("stalled-publisher");
            this.ch = ch;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    ch.basicPublish(Message.builder(BODY).build(), "", "q");
                    done.incrementAndGet();
                    if (Thread.interrupted()) {
                        // the publish under way when interrupted went on and returned normally;
                        // cleared, or the next one would refuse to start (a typed timeout)
                        interruptsSeen.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        /** Waits until no publish has returned for 300 ms: the write waits for the peer. */
        void awaitStall() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int last = -1;
            while (done.get() != last) {
                assertTrue(System.nanoTime() < deadline, "the publisher never stalled");
                last = done.get();
                Thread.sleep(300); // a stall is a quiet period: no publish completes for 300 ms
            }
            assertTrue(isAlive(), "the publisher failed: " + failure.get());
        }
    }

    @Test
    void anInterruptedWriterKeepsWritingAndTheConnectionStaysOpen() throws Exception {
        CountDownLatch readAgain = new CountDownLatch(1);
        AtomicInteger publishesReceived = new AtomicInteger();
        CountDownLatch peerDone = new CountDownLatch(1);
        try (FakeBroker b = new FakeBroker(p -> {
                    p.handshakeAndOpenChannel();
                    readAgain.await(); // stop reading: the client's socket buffers fill up
                    try {
                        while (true) {
                            Frame f = p.readFrame(); // validates every frame: an interleaved or cut one fails
                            if (f.type() == Frame.HEADER) {
                                publishesReceived.incrementAndGet();
                            } else if (f.type() == Frame.METHOD
                                    && MethodCodec.decode(new WireReader(f.payload()))
                                            .is(Methods.CONNECTION_CLOSE)) {
                                p.send(0, new AmqpMethod(Methods.CONNECTION_CLOSE_OK));
                                return;
                            }
                        }
                    } finally {
                        peerDone.countDown();
                    }
                });
                Connection conn = Connection.open(params(b, Duration.ofSeconds(60)))) {
            Channel ch = conn.channel();
            Publisher pub = new Publisher(ch);
            pub.start();
            pub.awaitStall();
            for (int i = 0; i < 5; i++) {
                pub.interrupt(); // while it waits in a write: the write may finish in what room is left
                pub.awaitStall();
            }
            assertTrue(pub.isAlive(), "an interrupted publish gave up: " + pub.failure.get());
            assertTrue(conn.isConnected(), "an interrupt closed the connection: " + conn.closeCause());
            pub.stop = true;
            readAgain.countDown();
            pub.join(10_000);
            assertFalse(pub.isAlive(), "the publish did not complete once the peer read again");
            assertNull(pub.failure.get(), "the publisher failed");
            // interrupts that arrive during one waiting write are one interrupt status
            assertTrue(pub.interruptsSeen.get() >= 1, "the interrupt was not kept for the caller");
            assertTrue(conn.isConnected(), "the connection closed: " + conn.closeCause());
            ch.basicPublish(Message.builder("after").build(), "", "q"); // still usable
            int expected = pub.done.get() + 1;
            Await.until(
                    Duration.ofSeconds(10),
                    expected + " publishes at the peer",
                    () -> publishesReceived.get() >= expected);
            assertEquals(expected, publishesReceived.get(), "every publish that returned reached the peer, once");
        }
        assertTrue(peerDone.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aWriteStalledBeyondTheWriteTimeoutEndsTheConnection() throws Exception {
        try (FakeBroker b = new FakeBroker(p -> {
                    p.handshakeAndOpenChannel();
                    p.stayQuiet(30_000); // never reads again
                });
                Connection conn = Connection.open(params(b, Duration.ofSeconds(1)))) {
            Publisher pub = new Publisher(conn.channel());
            long started = System.nanoTime();
            pub.start();
            pub.join(15_000);
            assertFalse(pub.isAlive(), "the stalled publisher still hangs");
            assertInstanceOf(ConnectionLostException.class, pub.failure.get());
            assertTrue(
                    pub.failure.get().getMessage().contains("stalled"),
                    pub.failure.get().getMessage());
            assertFalse(conn.isConnected());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(12));
        }
    }
}
