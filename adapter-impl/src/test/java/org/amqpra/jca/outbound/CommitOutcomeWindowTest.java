package org.amqpra.jca.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.LocalTransactionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.amqpra.AmqpConnection;
import org.amqpra.Message;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.TcpProxy;
import org.amqpra.testsupport.TestQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The crash window of the transaction table, reproduced: the connection is lost after
 * {@code tx.commit} reached the broker and before {@code commit-ok} reached us (a proxy forwards
 * the commit and holds the answer back, then the connection dies). The broker committed; what
 * the adapter reports is the table's "outcome unknown": a failed local commit saying so, and
 * {@code XA_HEURHAZ} through the XA-lite resource, never a rollback the broker did not make.
 */
@Tag("broker")
class CommitOutcomeWindowTest {
    private TcpProxy proxy;
    private AmqpManagedConnectionFactory mcf;
    private TestQueue queue;

    @BeforeEach
    void setUp() throws Exception {
        proxy = TcpProxy.toBroker();
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost("127.0.0.1");
        ra.setPort(proxy.port());
        ra.setRpcTimeoutMillis(20_000); // longer than the test: the answer must be the lost connection's
        mcf = new AmqpManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        queue = TestQueue.declare("commit-window");
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        mcf.closeBrokerConnections();
        queue.close();
    }

    /**
     * Runs {@code commit} on another thread with the broker's answers held back, waits until the
     * broker has committed (the message is in the queue), then cuts the connection; returns what
     * the commit threw.
     */
    private Throwable commitLosingTheAnswer(ThrowingRunnable commit) throws Exception {
        proxy.freezeReplies();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread committer = new Thread(() -> {
            try {
                commit.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        committer.start();
        Await.until(Duration.ofSeconds(10), "the broker committed", () -> queue.depth() == 1);
        proxy.close();
        committer.join(TimeUnit.SECONDS.toMillis(15));
        assertEquals(Thread.State.TERMINATED, committer.getState(), "the commit returned once the connection died");
        return thrown.get();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aLocalCommitWhoseAnswerIsLostFailsSayingTheOutcomeIsUnknown() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        mc.getLocalTransaction().begin();
        h.channel().basicPublish(Message.builder("committed, unannounced").build(), "", queue.name());
        Throwable e = commitLosingTheAnswer(() -> mc.getLocalTransaction().commit());
        LocalTransactionException failed = assertInstanceOf(LocalTransactionException.class, e);
        assertTrue(failed.getMessage().contains("outcome unknown"), failed.getMessage());
        assertEquals(1, queue.depth(), "the broker holds the message the caller was told may not be there");
    }

    @Test
    void anXaLiteCommitWhoseAnswerIsLostIsAHeuristicHazard() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        XAResource xa = mc.getXAResource();
        Xid xid = new Xid() {
            public int getFormatId() {
                return 1;
            }

            public byte[] getGlobalTransactionId() {
                return new byte[] {42};
            }

            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
        xa.start(xid, XAResource.TMNOFLAGS);
        h.channel().basicPublish(Message.builder("committed, unannounced").build(), "", queue.name());
        xa.end(xid, XAResource.TMSUCCESS);
        Throwable e = commitLosingTheAnswer(() -> xa.commit(xid, true));
        assertEquals(XAException.XA_HEURHAZ, assertInstanceOf(XAException.class, e).errorCode);
        assertEquals(1, queue.depth());
    }
}
