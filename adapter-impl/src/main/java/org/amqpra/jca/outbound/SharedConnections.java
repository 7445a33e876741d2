package org.amqpra.jca.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.amqpra.AmqpException;
import org.amqpra.client.Connection;
import org.amqpra.client.ConnectionParameters;

/**
 * The broker connections of one managed connection factory. RabbitMQ's advice is few
 * connections, many channels: each managed connection leases a slot on a shared connection with
 * the same credentials, up to a bound per connection. When a connection breaks, every managed
 * connection on it is told, so the pool can drop them all.
 */
final class SharedConnections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharedConnections.class.getName());
    private final Map<Credentials, List<Shared>> byCredentials = new HashMap<>();
    private final Function<Credentials, ConnectionParameters> parameters;
    private final int slotsPerConnection;

    /** One broker connection and the managed connections leasing it. */
    static final class Shared {
        final Connection connection;
        final Set<AmqpManagedConnection> users = ConcurrentHashMap.newKeySet();
        int leases;

        Shared(Connection connection) {
            this.connection = connection;
            connection.addCloseListener(this::broken);
        }

        private void broken(AmqpException cause) {
            for (AmqpManagedConnection mc : users) {
                mc.physicalConnectionBroken(cause);
            }
        }
    }

    SharedConnections(Function<Credentials, ConnectionParameters> parameters, int slotsPerConnection) {
        this.parameters = parameters;
        this.slotsPerConnection = slotsPerConnection;
    }

    /** Leases a slot on a live connection for {@code mc}, opening a connection if none has room. */
    Shared lease(Credentials c, AmqpManagedConnection mc) {
        Shared target = null;
        synchronized (this) {
            List<Shared> list = byCredentials.computeIfAbsent(c, k -> new ArrayList<>());
            for (Iterator<Shared> it = list.iterator(); it.hasNext(); ) {
                Shared s = it.next();
                if (!s.connection.isConnected()) {
                    it.remove();
                } else if (s.leases < slotsPerConnection && target == null) {
                    target = s;
                }
            }
            if (target != null) {
                target.leases++;
                target.users.add(mc);
                return target;
            }
        }
        Shared fresh = new Shared(Connection.open(parameters.apply(c))); // outside the lock: it blocks
        synchronized (this) {
            fresh.leases++;
            fresh.users.add(mc);
            byCredentials.computeIfAbsent(c, k -> new ArrayList<>()).add(fresh);
        }
        return fresh;
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
