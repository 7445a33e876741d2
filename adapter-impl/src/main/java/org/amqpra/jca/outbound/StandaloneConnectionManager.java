package org.amqpra.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection manager outside a container (Java SE tests, batch jobs): a small pool of idle
 * managed connections matched by credentials, validated before reuse, destroyed on error. No
 * transactions: every publish is sent at once.
 */
final class StandaloneConnectionManager implements ConnectionManager, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Set<ManagedConnection> idle = ConcurrentHashMap.newKeySet();
    private final transient ConnectionEventListener listener = new Listener();

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo cri) throws ResourceException {
        ManagedConnection mc;
        synchronized (idle) {
            mc = mcf.matchManagedConnections(idle, null, cri);
            if (mc != null) {
                idle.remove(mc);
            }
        }
        if (mc == null) {
            mc = mcf.createManagedConnection(null, cri);
            mc.addConnectionEventListener(listener);
        }
        return mc.getConnection(null, cri);
    }

    /** Idle managed connections (for tests). */
    int idleCount() {
        return idle.size();
    }

    private final class Listener implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            try {
                mc.cleanup();
                idle.add(mc);
            } catch (ResourceException e) {
                try {
                    mc.destroy();
                } catch (ResourceException ignored) {
                    // already gone
                }
            }
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            idle.remove(mc);
            try {
                mc.destroy();
            } catch (ResourceException ignored) {
                // already gone
            }
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {}

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {}

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {}
    }
}
