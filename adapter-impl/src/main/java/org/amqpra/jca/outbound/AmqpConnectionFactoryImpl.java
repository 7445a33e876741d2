package org.amqpra.jca.outbound;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.LazyEnlistableConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.AmqpException;
import org.amqpra.ConnectionException;
import org.amqpra.ReplyInfo;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.TransactedDelivery;

/**
 * The factory applications look up or inject. Each {@code getConnection} asks the connection
 * manager (the container's pool, or {@link StandaloneConnectionManager} in Java SE) for a handle.
 */
public final class AmqpConnectionFactoryImpl implements AmqpConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;
    private final AmqpManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    AmqpConnectionFactoryImpl(AmqpManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    /**
     * A connection: inside a message-driven bean's transacted delivery on the broker and user
     * this factory signs on as, one that publishes on the delivery's channel and asks the pool
     * only if an operation needs it ({@link DeliveryConnection}); otherwise the connection
     * manager's.
     */
    @Override
    public AmqpConnection getConnection() {
        ConnectionParameters target = mcf.deliveryTarget();
        if (target != null && TransactedDelivery.channelFor(target) != null) {
            return new DeliveryConnection(this, target, mcf.statistics());
        }
        return allocatePooled(null);
    }

    @Override
    public AmqpConnection getConnection(String user, String password) {
        return allocatePooled(new AmqpConnectionRequestInfo(user, password));
    }

    /** A handle from the connection manager (the container's pool). */
    AmqpConnectionHandle allocatePooled(AmqpConnectionRequestInfo cri) {
        try {
            AmqpConnectionHandle c = (AmqpConnectionHandle) cm.allocateConnection(mcf, cri);
            if (cm instanceof LazyEnlistableConnectionManager) {
                c.enlistLazily((LazyEnlistableConnectionManager) cm);
            }
            return c;
        } catch (ResourceException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AmqpException) {
                throw (AmqpException) cause;
            }
            throw new ConnectionException(ReplyInfo.local(0, "cannot get an AMQP connection: " + e.getMessage()), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
