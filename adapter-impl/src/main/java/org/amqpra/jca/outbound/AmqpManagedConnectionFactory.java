package org.amqpra.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.Subject;
import org.amqpra.client.ConnectionParameters;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.BrokerConfig;
import org.amqpra.jca.management.ManagementRegistration;

/**
 * Creates managed connections (one AMQP channel each, on broker connections shared per
 * credentials) and the application-facing {@link org.amqpra.AmqpConnectionFactory}. Every
 * config property left unset takes the resource adapter's value. Transaction support is
 * LocalTransaction: AMQP 0-9-1 has no prepare, so the container treats the channel's
 * tx.select/tx.commit as a one-phase (last) resource.
 */
public class AmqpManagedConnectionFactory extends BrokerConfig
        implements ManagedConnectionFactory,
                ValidatingManagedConnectionFactory,
                ResourceAdapterAssociation,
                TransactionSupport {
    private static final long serialVersionUID = 1L;

    private Integer channelsPerConnection;
    private String poolName;
    private Boolean publisherConfirms;
    private transient AmqpResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient SharedConnections shared;
    private transient volatile FactoryStatistics statistics;
    private transient ManagementRegistration registration;
    /** The parameters of a connection signed on with the configured user ({@link #deliveryTarget()}). */
    private transient volatile ConnectionParameters defaultTarget;
    /** The configured user and password (no container or caller sign-on), read at first use. */
    private transient volatile Credentials configuredCredentials;
    /** The container signed a connection on with a user of its own (container-managed sign-on). */
    private transient volatile boolean signedOnByContainer;

    /** Channels sharing one broker connection; unset: the adapter's (64). */
    public Integer getChannelsPerConnection() {
        return channelsPerConnection;
    }

    /** Sets the channels per broker connection. */
    public void setChannelsPerConnection(Integer v) {
        channelsPerConnection = v;
    }

    /**
     * The name of this factory's broker connections after the prefix: {@code <prefix>:<pool
     * name>#<n>} (unset: {@code pool}), so that each pool's connections can be told apart on the
     * broker.
     */
    public String getPoolName() {
        return poolName;
    }

    /** Sets the pool name used in connection names. */
    public void setPoolName(String v) {
        poolName = v;
    }

    /**
     * Whether a publish outside a transaction waits for the broker's confirm (unset: true). With
     * confirms, {@code basicPublish} returns once the broker has taken responsibility for the
     * message, and throws when it refused it or the outcome is unknown; false is fire-and-forget
     * (at most once: a message can be lost without the caller knowing). Publishes inside a
     * transaction are confirmed by the commit either way.
     */
    public Boolean getPublisherConfirms() {
        return publisherConfirms;
    }

    /** Sets whether publishes outside a transaction wait for the broker's confirm. */
    public void setPublisherConfirms(Boolean v) {
        publisherConfirms = v;
    }

    /** The effective value of {@link #getPublisherConfirms()}. */
    boolean confirmsOutsideTransactions() {
        return publisherConfirms == null || publisherConfirms;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager cm) {
        registerBean();
        return new AmqpConnectionFactoryImpl(this, cm);
    }

    /** Outside a container: a factory with a small built-in pool and no transactions. */
    @Override
    public Object createConnectionFactory() {
        registerBean();
        return new AmqpConnectionFactoryImpl(this, new StandaloneConnectionManager());
    }

    /**
     * The factory's MBean ({@code org.amqpra:type=ConnectionFactory,pool=<PoolName>}), once,
     * when the container (or a Java SE program) first creates its connection factory; removed
     * when the resource adapter stops.
     */
    private synchronized void registerBean() {
        if (registration != null) {
            return;
        }
        registration = ManagementRegistration.register(
                "ConnectionFactory", new ConnectionFactoryView(this), "pool", effectivePoolName());
        if (resourceAdapter != null) {
            resourceAdapter.register(registration);
        }
    }

    /** The pool name broker connections and the MBean are named after ({@code pool} by default). */
    String effectivePoolName() {
        return poolName == null || poolName.isBlank() ? "pool" : poolName;
    }

    /**
     * The broker and user {@code getConnection()} signs on as (its connections' parameters),
     * for telling whether a publish belongs on an MDB delivery's channel without taking a
     * pooled connection: known once the pool made a connection with them; null before, and
     * for good once the container signed a connection on with credentials of its own (its
     * user is then the container's to choose, per caller).
     */
    ConnectionParameters deliveryTarget() {
        return signedOnByContainer ? null : defaultTarget;
    }

    FactoryStatistics statistics() {
        FactoryStatistics s = statistics;
        return s != null ? s : createStatistics();
    }

    private synchronized FactoryStatistics createStatistics() {
        if (statistics == null) {
            statistics = new FactoryStatistics();
        }
        return statistics;
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo cri)
            throws ResourceException {
        Credentials c = credentials(subject, cri);
        try {
            AmqpManagedConnection mc = new AmqpManagedConnection(this, c);
            if (cri == null && !signedOnByContainer && defaultTarget == null) {
                defaultTarget = mc.physical().parameters();
            }
            return mc;
        } catch (RuntimeException e) {
            throw new ResourceException(
                    "cannot connect to " + effective() + " as " + c.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo cri)
            throws ResourceException {
        Credentials c = credentials(subject, cri);
        for (Object o : candidates) {
            if (o instanceof AmqpManagedConnection) {
                AmqpManagedConnection mc = (AmqpManagedConnection) o;
                if (mc.factory() == this && mc.credentials().equals(c) && mc.isValid()) {
                    return mc;
                }
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set candidates) {
        Set invalid = new HashSet<>();
        for (Object o : candidates) {
            if (o instanceof AmqpManagedConnection && !((AmqpManagedConnection) o).isValid()) {
                invalid.add(o);
            }
        }
        return invalid;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.LocalTransaction;
    }

    /**
     * Whether the calling thread runs in a JTA transaction, as far as the container's
     * transaction registry tells; true when there is no registry to ask (then the connection
     * manager decides).
     */
    boolean inTransaction() {
        AmqpResourceAdapter ra = resourceAdapter;
        TransactionSynchronizationRegistry tsr = ra == null ? null : ra.transactionRegistry();
        return tsr == null || tsr.getTransactionKey() != null;
    }

    /**
     * Whether the calling thread's JTA transaction has ended or can no longer commit (timed out
     * and rolled back by the transaction manager, or marked rollback-only) while the thread still
     * runs in it. Work done then must not go out as if there were no transaction.
     */
    boolean transactionNoLongerActive() {
        AmqpResourceAdapter ra = resourceAdapter;
        TransactionSynchronizationRegistry tsr = ra == null ? null : ra.transactionRegistry();
        return tsr != null && tsr.getTransactionKey() != null && tsr.getTransactionStatus() != Status.STATUS_ACTIVE;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        resourceAdapter = AmqpResourceAdapter.require(ra);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** This factory's values over the adapter's over the built-in defaults. */
    public BrokerConfig effective() {
        return withDefaults(resourceAdapter != null ? resourceAdapter.effective() : BrokerConfig.builtInDefaults());
    }

    /**
     * Credentials for a request: container-managed sign-on ({@link PasswordCredential} for this
     * factory in the Subject) first, then component-managed ({@code getConnection(user, pw)}),
     * then the configured user. A container credential with an empty user name is no
     * credential: Payara signs on with one for a pool that names no user (its ping, and every
     * connection), meaning "the resource's own configuration"; a broker never accepts it.
     */
    Credentials credentials(Subject subject, ConnectionRequestInfo cri) throws ResourceException {
        if (subject != null) {
            // the whole set, not getPrivateCredentials(Class): that copies the matches into a new
            // set and looks up a resource bundle on every call (Payara passes a Subject on each
            // allocation and match)
            for (Object credential : subject.getPrivateCredentials()) {
                if (!(credential instanceof PasswordCredential)) {
                    continue;
                }
                PasswordCredential pc = (PasswordCredential) credential;
                boolean named = pc.getUserName() != null && !pc.getUserName().isEmpty();
                if (named && (pc.getManagedConnectionFactory() == null || pc.getManagedConnectionFactory() == this)) {
                    signedOnByContainer = true;
                    return new Credentials(pc.getUserName(), new String(pc.getPassword()));
                }
            }
        }
        if (cri instanceof AmqpConnectionRequestInfo) {
            return ((AmqpConnectionRequestInfo) cri).credentials();
        }
        if (cri != null) {
            throw new ResourceException(
                    "unexpected ConnectionRequestInfo " + cri.getClass().getName());
        }
        Credentials c = configuredCredentials;
        if (c == null) {
            // read once: the container sets a factory's configuration before it first asks for
            // a connection (Connectors), and this runs on every allocation and match
            BrokerConfig e = effective();
            configuredCredentials = c = new Credentials(e.getUserName(), e.getPassword());
        }
        return c;
    }

    synchronized SharedConnections shared() {
        if (shared == null) {
            int slots = channelsPerConnection != null && channelsPerConnection > 0
                    ? channelsPerConnection
                    : resourceAdapter != null ? resourceAdapter.effectiveChannelsPerConnection() : 64;
            AmqpResourceAdapter ra = resourceAdapter;
            AtomicInteger opened = new AtomicInteger();
            String pool = effectivePoolName();
            shared = new SharedConnections(
                    c -> effective()
                            .toParameters(
                                    c.user(),
                                    c.password(),
                                    ra == null ? null : ra.backgroundExecutor(),
                                    ra == null ? null : ra.dispatchExecutor(),
                                    pool + "#" + opened.incrementAndGet()),
                    slots,
                    statistics());
            if (ra != null) {
                ra.register(shared);
            }
        }
        return shared;
    }

    /**
     * Closes the broker connections this factory holds (Java SE: when the application is done
     * with {@link #createConnectionFactory()}'s pool; in a container the adapter's stop does it).
     * Managed connections on them break; a later use opens new ones.
     */
    public void closeBrokerConnections() {
        shared().close();
    }

    /** Broker connections this factory holds open. */
    public int openBrokerConnections() {
        return shared().openConnections();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o)
                && Objects.equals(channelsPerConnection, ((AmqpManagedConnectionFactory) o).channelsPerConnection)
                && Objects.equals(poolName, ((AmqpManagedConnectionFactory) o).poolName)
                && Objects.equals(publisherConfirms, ((AmqpManagedConnectionFactory) o).publisherConfirms);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(channelsPerConnection);
    }
}
