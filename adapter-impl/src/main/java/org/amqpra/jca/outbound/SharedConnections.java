package org.amqpra.jca.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.amqpra.AmqpException;
import org.amqpra.AmqpTimeoutException;
import org.amqpra.ConnectionLostException;
import org.amqpra.ReplyInfo;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.management.BrokerConnectionView;

/**
 * The broker connections of one managed connection factory. RabbitMQ's advice is few
 * connections, many channels: each managed connection leases a slot on a shared connection with
 * the same credentials, up to a bound per connection. When a connection breaks, every managed
 * connection on it is told, so the pool can drop them all.
 */
final class SharedConnections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharedConnections.class.getName());
    private final Map<Credentials, List<Shared>> byCredentials = new HashMap<>();
    /** The connection being opened per credentials, completed when it is open (guarded by this). */
    private final Map<Credentials, Opening> opening = new HashMap<>();

    /** A connection being opened with these parameters, and its outcome. */
    private record Opening(ConnectionParameters parameters, CompletableFuture<Shared> done) {}

    private final Function<Credentials, ConnectionParameters> parameters;
    private final int slotsPerConnection;
    private final FactoryStatistics stats;

    /** One broker connection and the managed connections leasing it. */
    static final class Shared {
        final Connection connection;
        final Set<AmqpManagedConnection> users = ConcurrentHashMap.newKeySet();
        int leases;

        private final FactoryStatistics stats;

        Shared(Connection connection, FactoryStatistics stats) {
            this.connection = connection;
            this.stats = stats;
            connection.addCloseListener(this::broken);
        }

        private void broken(AmqpException cause) {
            if (cause.replyCode() != 200) { // 200: closed by us, or by the broker as asked
                stats.lost(cause);
            }
            for (AmqpManagedConnection mc : users) {
                mc.physicalConnectionBroken(cause);
            }
        }
    }

    SharedConnections(
            Function<Credentials, ConnectionParameters> parameters, int slotsPerConnection, FactoryStatistics stats) {
        this.parameters = parameters;
        this.slotsPerConnection = slotsPerConnection;
        this.stats = stats;
    }

    /**
     * Leases a slot on a live connection for {@code mc}, opening a connection if none has room.
     * Only one connection per credentials is opened at a time: callers that find no room while
     * one is being opened wait for it (at most its connect timeout) and then lease on it, so that
     * concurrent first uses share one broker connection instead of opening one each.
     */
    Shared lease(Credentials c, AmqpManagedConnection mc) {
        while (true) {
            Opening underWay;
            boolean opener = false;
            synchronized (this) {
                Shared target = withRoom(c);
                if (target != null) {
                    target.leases++;
                    target.users.add(mc);
                    return target;
                }
                underWay = opening.get(c);
                if (underWay == null) {
                    underWay = new Opening(parameters.apply(c), new CompletableFuture<>());
                    opening.put(c, underWay);
                    opener = true;
                }
            }
            if (opener) {
                return openAndLease(c, mc, underWay);
            }
            awaitOpening(underWay);
        }
    }

    /** A live connection with a free slot for these credentials, dropping dead ones (lock held). */
    private Shared withRoom(Credentials c) {
        List<Shared> list = byCredentials.computeIfAbsent(c, k -> new ArrayList<>());
        Shared target = null;
        for (Iterator<Shared> it = list.iterator(); it.hasNext(); ) {
            Shared s = it.next();
            if (!s.connection.isConnected()) {
                it.remove();
            } else if (s.leases < slotsPerConnection && target == null) {
                target = s;
            }
        }
        return target;
    }

    /** Opens the connection others wait for (outside the lock: it blocks), takes the first slot. */
    private Shared openAndLease(Credentials c, AmqpManagedConnection mc, Opening underWay) {
        Shared fresh;
        try {
            fresh = new Shared(Connection.open(underWay.parameters()), stats);
            stats.opened();
            BrokerConnectionView.registerWhileOpen(fresh.connection);
        } catch (RuntimeException e) {
            stats.openFailed(e);
            synchronized (this) {
                opening.remove(c);
            }
            underWay.done().completeExceptionally(e); // the waiters fail with the same cause: the broker refused
            throw e;
        }
        synchronized (this) {
            fresh.leases++;
            fresh.users.add(mc);
            byCredentials.computeIfAbsent(c, k -> new ArrayList<>()).add(fresh);
            opening.remove(c);
        }
        underWay.done().complete(fresh);
        return fresh;
    }

    /** Waits for the connection another caller is opening, at most its connect timeout and a second. */
    private void awaitOpening(Opening underWay) {
        long timeoutMillis = underWay.parameters().connectTimeout().toMillis() + 1000;
        try {
            underWay.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException
                    ? (RuntimeException) e.getCause()
                    : new ConnectionLostException(
                            ReplyInfo.local(0, "opening the broker connection failed: " + e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new AmqpTimeoutException(ReplyInfo.local(
                    0,
                    "the broker connection being opened by another" + " caller was not open within " + timeoutMillis
                            + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpTimeoutException(ReplyInfo.local(0, "interrupted waiting for a broker connection"));
        }
    }

    /** Returns a slot; the connection closes when its last slot is returned. */
    void release(Shared s, AmqpManagedConnection mc) {
        boolean close;
        synchronized (this) {
            s.users.remove(mc);
            s.leases--;
            close = s.leases <= 0;
            if (close) {
                for (List<Shared> list : byCredentials.values()) {
                    list.remove(s);
                }
            }
        }
        if (close) {
            s.connection.close();
        }
    }

    /** Broker connections currently open (for tests and logging). */
    synchronized int openConnections() {
        int n = 0;
        for (List<Shared> list : byCredentials.values()) {
            for (Shared s : list) {
                if (s.connection.isConnected()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Managed connections leasing a slot ({@code inUseOnly}: only those an application holds a
     * handle of right now).
     */
    synchronized int managedConnections(boolean inUseOnly) {
        int n = 0;
        for (List<Shared> list : byCredentials.values()) {
            for (Shared s : list) {
                for (AmqpManagedConnection mc : s.users) {
                    if (!inUseOnly || mc.inUse()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Whether the broker blocks publishing on any open connection (a resource alarm). */
    synchronized boolean anyBlocked() {
        for (List<Shared> list : byCredentials.values()) {
            for (Shared s : list) {
                if (s.connection.isConnected() && s.connection.isBlocked()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        List<Shared> all = new ArrayList<>();
        synchronized (this) {
            byCredentials.values().forEach(all::addAll);
            byCredentials.clear();
        }
        for (Shared s : all) {
            try {
                s.connection.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a broker connection: {0}", e.toString());
            }
        }
    }
}
