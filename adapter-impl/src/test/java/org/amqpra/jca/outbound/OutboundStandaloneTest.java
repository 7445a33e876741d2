package org.amqpra.jca.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.security.PasswordCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AuthenticationFailureException;
import org.amqpra.Channel;
import org.amqpra.ChannelMode;
import org.amqpra.Message;
import org.amqpra.client.Connection;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.TransactedDelivery;
import org.amqpra.testsupport.Await;
import org.amqpra.testsupport.Broker;
import org.amqpra.testsupport.CurrentTransaction;
import org.amqpra.testsupport.Names;
import org.amqpra.testsupport.TcpProxy;
import org.amqpra.testsupport.TestQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbound adapter in Java SE against the real broker: the default connection manager, and
 * the container's side of the contract (managed connections, local and XA-lite transactions,
 * events, validation, matching) driven directly.
 */
@Tag("broker")
class OutboundStandaloneTest {
    private AmqpManagedConnectionFactory mcf;
    private TestQueue testQueue;
    private Channel check;
    private String queue;

    @BeforeEach
    void setUp() throws Exception {
        mcf = factory(Broker.host(), Broker.port());
        testQueue = TestQueue.declare("outbound");
        check = testQueue.channel();
        queue = testQueue.name();
    }

    @AfterEach
    void tearDown() {
        testQueue.close();
        mcf.shared().close();
    }

    private static AmqpManagedConnectionFactory factory(String host, int port) throws ResourceException {
        AmqpResourceAdapter ra = new AmqpResourceAdapter();
        ra.setHost(host);
        ra.setPort(port);
        ra.setHeartbeatSeconds(5);
        AmqpManagedConnectionFactory f = new AmqpManagedConnectionFactory();
        f.setResourceAdapter(ra);
        return f;
    }

    private long depth() {
        return testQueue.depth();
    }

    private void awaitDepth(long n) {
        testQueue.awaitDepth(n);
    }

    private static Xid xid(int n) {
        return new Xid() {
            public int getFormatId() {
                return 1;
            }

            public byte[] getGlobalTransactionId() {
                return new byte[] {(byte) n};
            }

            public byte[] getBranchQualifier() {
                return new byte[] {1};
            }
        };
    }

    /**
     * An MDB's transacted delivery as a delivery slot sets it up: a channel in tx mode on a
     * connection of its own, this thread's delivery (after {@link #enter()}) in {@link #tx}'s
     * transaction; closing it ends the delivery context and the connection.
     */
    private static final class SimulatedDelivery implements AutoCloseable {
        final CurrentTransaction tx = new CurrentTransaction();
        final Connection connection = Connection.open(
                Broker.params().host(Broker.host()).port(Broker.port()).build());
        final Channel channel = connection.channel();

        SimulatedDelivery() {
            channel.txSelect();
            tx.key = "the delivery's transaction";
        }

        void enter() {
            assertTrue(TransactedDelivery.enter(channel, connection.parameters(), tx));
        }

        @Override
        public void close() {
            TransactedDelivery.leave();
            connection.close();
        }
    }

    @Test
    void javaSeFactoryPublishesAtOnceAndPoolsManagedConnections() throws Exception {
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("se").build(), "", queue);
        }
        awaitDepth(1);
        AmqpConnection a = cf.getConnection();
        AmqpConnection b = cf.getConnection();
        a.close();
        b.close();
        AmqpConnection again = cf.getConnection();
        again.close();
        assertEquals(1, mcf.openBrokerConnections(), "managed connections share one broker connection");
        assertThrows(IllegalStateException.class, () -> again.channel(), "a closed handle is unusable");
    }

    @Test
    void aPublishInsideATransactedDeliveryRidesOnTheDeliveryChannelAndCommitsWithIt() throws Exception {
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        try (SimulatedDelivery d = new SimulatedDelivery()) {
            Channel delivery = d.channel;
            d.enter();
            try (AmqpConnection c = cf.getConnection()) {
                c.channel().basicPublish(Message.builder("routed").build(), "", queue);
                c.channel().basicPublish(Message.builder("mandatory").build(), "", queue, true, false);
            }
            awaitDepth(1); // the mandatory one went through the pool at once
            TimeUnit.MILLISECONDS.sleep(300);
            assertEquals(1, depth(), "the routed publish waits for the delivery's tx.commit");
            delivery.txCommit();
            awaitDepth(2);

            d.tx.key = "a REQUIRES_NEW transaction";
            try (AmqpConnection c = cf.getConnection()) {
                c.channel().basicPublish(Message.builder("own transaction").build(), "", queue);
            }
            awaitDepth(3); // not on the delivery channel: published at once (no JTA here)
        }
    }

    @Test
    void insideATransactedDeliveryTheContainersPoolIsAskedOnlyWhenAnOperationNeedsAPooledConnection() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        StandaloneConnectionManager pool = new StandaloneConnectionManager();
        ConnectionManager counting = (f, cri) -> {
            asked.incrementAndGet();
            return pool.allocateConnection(f, cri);
        };
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory(counting);
        cf.getConnection().close(); // the pool's first connection tells the factory its broker and user
        try (SimulatedDelivery d = new SimulatedDelivery()) {
            Channel delivery = d.channel;
            d.enter();
            for (int i = 0; i < 3; i++) {
                try (AmqpConnection c = cf.getConnection()) {
                    c.channel().basicPublish(Message.builder("routed " + i).build(), "", queue);
                    assertTrue(c.isConnected());
                }
            }
            assertEquals(1, asked.get(), "three getConnection calls that only published took no pooled connection");

            AmqpConnection c = cf.getConnection();
            c.channel().basicPublish(Message.builder("routed 3").build(), "", queue);
            assertEquals(
                    0,
                    c.channel()
                            .queueDeclare(queue, true, false, false, false, false, null)
                            .messageCount());
            assertEquals(2, asked.get(), "a declaration needs a pooled connection: allocated then");
            assertEquals(0, pool.idleCount());
            c.close();
            assertEquals(1, pool.idleCount(), "closing the connection returned the pooled one");
            assertThrows(IllegalStateException.class, c::channel, "a closed handle is unusable");

            TimeUnit.MILLISECONDS.sleep(300);
            assertEquals(0, depth(), "the routed publishes wait for the delivery's tx.commit");
            delivery.txCommit();
            awaitDepth(4);

            d.tx.key = "a REQUIRES_NEW transaction";
            try (AmqpConnection own = cf.getConnection()) {
                own.channel().basicPublish(Message.builder("own transaction").build(), "", queue);
            }
            assertEquals(3, asked.get(), "outside the delivery's transaction: the pool, as always");
            awaitDepth(5);
        }
    }

    @Test
    void aFactoryTheContainerSignsOnForAlwaysAsksThePoolEvenInsideADelivery() throws Exception {
        Subject subject = new Subject();
        PasswordCredential pc = new PasswordCredential("guest", "guest".toCharArray());
        pc.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(pc);
        mcf.createManagedConnection(null, null).destroy(); // the configured user, first
        assertNotNull(mcf.deliveryTarget());
        mcf.createManagedConnection(subject, null).destroy(); // then the container's own sign-on
        assertNull(mcf.deliveryTarget(), "the user is the container's to choose: every connection from the pool");
    }

    @Test
    void localTransactionCommitDeliversAndRollbackDrops() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        mc.getLocalTransaction().begin();
        h.channel().basicPublish(Message.builder("rolled back").build(), "", queue);
        mc.getLocalTransaction().rollback();
        mc.getLocalTransaction().begin();
        assertEquals(ChannelMode.TX, h.channel().mode());
        h.channel().basicPublish(Message.builder("committed").build(), "", queue);
        TimeUnit.MILLISECONDS.sleep(100);
        assertEquals(0, depth(), "nothing before commit");
        mc.getLocalTransaction().commit();
        awaitDepth(1);
        assertEquals("committed", check.basicGet(queue, true).bodyAsString());
        // outside a transaction the same handle publishes on a confirm channel, at once
        assertEquals(ChannelMode.CONFIRM, h.channel().mode());
        h.channel().basicPublish(Message.builder("auto").build(), "", queue);
        awaitDepth(1);
        mc.destroy();
    }

    @Test
    void xaLiteCommitsOnePhaseAndRefusesPrepareAndTwoPhase() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        XAResource xa = mc.getXAResource();
        xa.start(xid(1), XAResource.TMNOFLAGS);
        h.channel().basicPublish(Message.builder("xa").build(), "", queue);
        xa.end(xid(1), XAResource.TMSUCCESS);
        xa.commit(xid(1), true);
        awaitDepth(1);

        xa.start(xid(2), XAResource.TMNOFLAGS);
        h.channel().basicPublish(Message.builder("never").build(), "", queue);
        xa.end(xid(2), XAResource.TMSUCCESS);
        XAException prep = assertThrows(XAException.class, () -> xa.prepare(xid(2)));
        assertEquals(XAException.XA_RBPROTO, prep.errorCode);

        xa.start(xid(3), XAResource.TMNOFLAGS);
        h.channel().basicPublish(Message.builder("never either").build(), "", queue);
        XAException twoPhase = assertThrows(XAException.class, () -> xa.commit(xid(3), false));
        assertEquals(XAException.XAER_PROTO, twoPhase.errorCode);
        TimeUnit.MILLISECONDS.sleep(200);
        assertEquals(1, depth(), "refused prepare and two-phase commit rolled back");

        xa.start(xid(4), XAResource.TMNOFLAGS);
        h.channel().basicPublish(Message.builder("r").build(), "", queue);
        xa.rollback(xid(4));
        assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN).length);
        assertTrue(xa.isSameRM(xa));
        assertFalse(xa.isSameRM(((AmqpManagedConnection) mcf.createManagedConnection(null, null)).getXAResource()));
        TimeUnit.MILLISECONDS.sleep(100);
        assertEquals(1, depth());
        mc.destroy();
    }

    @Test
    void commitAfterPublishingToAMissingExchangeFailsClearlyAndTheManagedConnectionStaysUsable() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        mc.getLocalTransaction().begin();
        try {
            h.channel().basicPublish(Message.builder("x").build(), Names.unique("missing-exchange"), "k");
        } catch (org.amqpra.NotFoundException alreadyReported) {
            // the broker's 404 may arrive before the commit
        }
        LocalTransactionException e = assertThrows(
                LocalTransactionException.class, () -> mc.getLocalTransaction().commit());
        assertTrue(
                e.getMessage().contains("404")
                        || e.getMessage().contains("NOT_FOUND")
                        || e.getMessage().contains("closed"),
                e.getMessage());
        assertTrue(mc.isValid(), "the broker connection is fine; only the channel went");
        XAResource xa = mc.getXAResource();
        xa.start(xid(9), XAResource.TMNOFLAGS);
        h.channel().basicPublish(Message.builder("x").build(), Names.unique("missing-exchange"), "k");
        XAException xe = assertThrows(XAException.class, () -> xa.commit(xid(9), true));
        assertEquals(XAException.XA_RBROLLBACK, xe.errorCode, "the broker refused: a known rollback");
        mc.getLocalTransaction().begin();
        h.channel().basicPublish(Message.builder("fine").build(), "", queue);
        mc.getLocalTransaction().commit();
        awaitDepth(1);
        mc.destroy();
    }

    @Test
    void aTransactionThatSentNothingEndsWithoutARoundTripAndOneThatSentSomethingStillCommits() throws Exception {
        try (TcpProxy proxy = TcpProxy.toBroker()) {
            AmqpManagedConnectionFactory f = factory("127.0.0.1", proxy.port());
            AmqpManagedConnection mc = (AmqpManagedConnection) f.createManagedConnection(null, null);
            AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
            mc.getLocalTransaction().begin();
            h.channel().basicPublish(Message.builder("sent in the first").build(), "", queue);
            mc.getLocalTransaction().commit();
            awaitDepth(1);

            mc.getLocalTransaction().begin(); // as a pool that enlists eagerly does; then nothing is sent
            proxy.close(); // the broker is gone: a tx.commit now could only fail
            mc.getLocalTransaction().commit(); // nothing to commit: no round trip, no failure

            AmqpManagedConnection other = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            AmqpConnection h2 = (AmqpConnection) other.getConnection(null, null);
            other.getLocalTransaction().begin();
            h2.channel().basicPublish(Message.builder("sent in a live one").build(), "", queue);
            other.getLocalTransaction().commit();
            awaitDepth(2);
            other.destroy();
            mc.destroy();
            f.shared().close();
        }
    }

    @Test
    void aConnectionEnlistedBeforeUseInsideATransactedDeliveryIsReported() throws Exception {
        try (SimulatedDelivery d = new SimulatedDelivery()) {
            Channel delivery = d.channel;
            AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
            AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
            d.enter();
            mc.getLocalTransaction().begin(); // the pool enlists it as it is handed out
            assertTrue(EagerEnlistment.told(), "the operator is told to enable lazy enlistment");
            h.channel().basicPublish(Message.builder("routed").build(), "", queue);
            mc.getLocalTransaction().commit(); // the pooled connection sent nothing: nothing to commit
            TimeUnit.MILLISECONDS.sleep(300);
            assertEquals(0, depth(), "the publish rode on the delivery's channel and waits for its commit");
            delivery.txCommit();
            awaitDepth(1);
            mc.destroy();
        }
    }

    @Test
    void brokenBrokerConnectionReportsAnErrorForEveryManagedConnectionOnIt() throws Exception {
        try (TcpProxy proxy = TcpProxy.toBroker()) {
            AmqpManagedConnectionFactory f = factory("127.0.0.1", proxy.port());
            List<AmqpManagedConnection> mcs = new ArrayList<>();
            List<ConnectionEvent> errors = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 3; i++) {
                AmqpManagedConnection mc = (AmqpManagedConnection) f.createManagedConnection(null, null);
                mc.addConnectionEventListener(new Recorder(errors));
                mcs.add(mc);
            }
            assertEquals(1, f.openBrokerConnections());
            assertTrue(f.getInvalidConnections(Set.copyOf(mcs)).isEmpty());
            proxy.close();
            Await.until(Duration.ofSeconds(5), "three connection errors", () -> errors.size() >= 3);
            assertEquals(3, errors.size());
            for (ConnectionEvent e : errors) {
                assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, e.getId());
                assertNotNull(e.getException());
            }
            assertEquals(3, f.getInvalidConnections(Set.copyOf(mcs)).size());
            assertNull(f.matchManagedConnections(Set.copyOf(mcs), null, null));
            for (AmqpManagedConnection mc : mcs) {
                mc.destroy();
            }
            f.shared().close();
        }
    }

    @Test
    void handleClosePublishesConnectionClosedWithTheHandle() throws Exception {
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        mc.addConnectionEventListener(new Recorder(events));
        AmqpConnection h = (AmqpConnection) mc.getConnection(null, null);
        h.close();
        assertEquals(1, events.size());
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.get(0).getId());
        assertSame(h, events.get(0).getConnectionHandle());
        AmqpConnection h2 = (AmqpConnection) mc.getConnection(null, null);
        mc.cleanup();
        assertThrows(IllegalStateException.class, h2::channel, "cleanup invalidates handles");
        AmqpConnection h3 = (AmqpConnection) mc.getConnection(null, null);
        AmqpManagedConnection other = (AmqpManagedConnection) mcf.createManagedConnection(null, null);
        other.associateConnection(h3);
        h3.channel().basicPublish(Message.builder("via other").build(), "", queue);
        awaitDepth(1);
        mc.destroy();
        other.destroy();
    }

    @Test
    void applicationsCannotTouchTransactionsOrThePhysicalConnection() throws Exception {
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        try (AmqpConnection c = cf.getConnection()) {
            Channel ch = c.channel();
            assertThrows(UnsupportedOperationException.class, ch::txSelect);
            assertThrows(UnsupportedOperationException.class, ch::txCommit);
            ch.confirmSelect(); // outside a transaction the channel is in confirm mode already
            assertEquals(ChannelMode.CONFIRM, ch.mode());
            assertThrows(UnsupportedOperationException.class, () -> c.close(320, "bye", 0, 0));
            assertThrows(UnsupportedOperationException.class, () -> c.channel(7));
            assertThrows(UnsupportedOperationException.class, () -> c.drainEvents(null));
            ch.close(); // no-op: the channel is pooled
            assertNotNull(ch.queueDeclare());
            assertTrue(c.isAlive());
        }
    }

    @Test
    void signOnContainerManagedComponentManagedAndMatchingByCredentials() throws Exception {
        Subject subject = new Subject();
        PasswordCredential pc = new PasswordCredential("guest", "guest".toCharArray());
        pc.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(pc);
        AmqpManagedConnection viaSubject = (AmqpManagedConnection) mcf.createManagedConnection(subject, null);
        assertEquals("guest", viaSubject.credentials().user());
        assertSame(viaSubject, mcf.matchManagedConnections(Set.of(viaSubject), subject, null));
        assertSame(
                viaSubject,
                mcf.matchManagedConnections(Set.of(viaSubject), null, new AmqpConnectionRequestInfo("guest", "guest")));
        assertNull(
                mcf.matchManagedConnections(Set.of(viaSubject), null, new AmqpConnectionRequestInfo("guest", "other")),
                "credentials are part of matching");
        AmqpConnectionFactory cf = (AmqpConnectionFactory) mcf.createConnectionFactory();
        try (AmqpConnection c = cf.getConnection("guest", "guest")) {
            assertTrue(c.isConnected());
        }
        AuthenticationFailureException e = assertThrows(
                AuthenticationFailureException.class, () -> cf.getConnection("guest", "wrong-password-123"));
        assertFalse(e.getMessage().contains("wrong-password-123"));
        viaSubject.destroy();
    }

    @Test
    void aContainerCredentialWithAnEmptyUserNameMeansTheConfiguredUser() throws Exception {
        // Payara signs on like this for a pool that names no user, its ping included
        Subject subject = new Subject();
        PasswordCredential empty = new PasswordCredential("", new char[0]);
        empty.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(empty);
        AmqpManagedConnection mc = (AmqpManagedConnection) mcf.createManagedConnection(subject, null);
        try {
            assertEquals("guest", mc.credentials().user());
            assertTrue(mc.isValid());
        } finally {
            mc.destroy();
        }
    }

    @Test
    void adapterAndFactoryEqualityIsOverConfigurationAndHidesThePassword() throws Exception {
        AmqpResourceAdapter a = new AmqpResourceAdapter();
        AmqpResourceAdapter b = new AmqpResourceAdapter();
        a.setHost("h");
        b.setHost("h");
        a.setPassword("s3cret-value");
        b.setPassword("s3cret-value");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.setChannelsPerConnection(3);
        assertNotEquals(a, b);
        assertFalse(a.effective().toString().contains("s3cret-value"));
        AmqpManagedConnectionFactory f1 = new AmqpManagedConnectionFactory();
        AmqpManagedConnectionFactory f2 = new AmqpManagedConnectionFactory();
        assertEquals(f1, f2);
        f2.setVirtualHost("/other");
        assertNotEquals(f1, f2);
        f1.setResourceAdapter(a);
        assertEquals("h", f1.effective().getHost(), "unset factory properties take the adapter's");
    }

    private static final class Recorder implements ConnectionEventListener {
        private final List<ConnectionEvent> events;

        Recorder(List<ConnectionEvent> events) {
            this.events = events;
        }

        public void connectionClosed(ConnectionEvent e) {
            events.add(e);
        }

        public void localTransactionStarted(ConnectionEvent e) {
            events.add(e);
        }

        public void localTransactionCommitted(ConnectionEvent e) {
            events.add(e);
        }

        public void localTransactionRolledback(ConnectionEvent e) {
            events.add(e);
        }

        public void connectionErrorOccurred(ConnectionEvent e) {
            events.add(e);
        }
    }
}
