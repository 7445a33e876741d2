package org.amqpra.jca;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.beans.Introspector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.transaction.xa.XAResource;
import org.amqpra.jca.inbound.AmqpActivationSpec;
import org.amqpra.jca.inbound.InboundActivation;
import org.amqpra.jca.outbound.AmqpManagedConnectionFactory;

/**
 * The amqp-ra resource adapter: holds the broker coordinates every connection factory and every
 * endpoint activation defaults to, and the container's {@link WorkManager} that runs every
 * connection's loops and deliveries. {@link #stop()} deactivates endpoints and closes every
 * broker connection it made.
 */
public class AmqpResourceAdapter extends BrokerConfig implements ResourceAdapter {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(AmqpResourceAdapter.class.getName());

    private Integer channelsPerConnection;
    private transient volatile WorkManager workManager;
    private transient volatile TransactionSynchronizationRegistry transactionRegistry;
    private final transient Set<AutoCloseable> resources = ConcurrentHashMap.newKeySet();
    private final transient Map<ActivationKey, InboundActivation> activations = new ConcurrentHashMap<>();

    /** Channels (managed connections) sharing one broker connection; default 64. */
    public Integer getChannelsPerConnection() {
        return channelsPerConnection;
    }

    /** Sets the number of channels per broker connection. */
    public void setChannelsPerConnection(Integer v) {
        channelsPerConnection = v;
    }

    @Override
    public void start(BootstrapContext ctx) {
        workManager = ctx.getWorkManager();
        try {
            transactionRegistry = ctx.getTransactionSynchronizationRegistry(); // null where not offered
        } catch (RuntimeException notOffered) {
            transactionRegistry = null;
        }
        LOG.log(System.Logger.Level.INFO, "amqp-ra started for {0}", effective());
    }

    @Override
    public void stop() {
        for (InboundActivation a : activations.values()) {
            a.stop();
        }
        activations.clear();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + r + " failed", e);
            }
        }
        resources.clear();
        detachFromWorkManager(workManager);
        workManager = null;
        forgetBeanInfo();
        LOG.log(System.Logger.Level.INFO, "amqp-ra stopped");
    }

    /**
     * WildFly (IronJacamar) gives each adapter a work manager of its own that references the
     * adapter ({@code setResourceAdapter}); its idle worker threads keep their last task, and the
     * task that work manager: an undeployed adapter, its classes and its class loader would stay
     * in memory for as long as those threads idle (heap dump path in docs/operating.md). At stop,
     * when no work of this adapter runs any more, the adapter takes itself out of it, where the
     * container's work manager offers that public method; elsewhere nothing is done.
     */
    private static void detachFromWorkManager(WorkManager wm) {
        if (wm == null) {
            return;
        }
        try {
            wm.getClass().getMethod("setResourceAdapter", ResourceAdapter.class).invoke(wm, (Object) null);
        } catch (ReflectiveOperationException | RuntimeException notThisContainer) {
            LOG.log(System.Logger.Level.DEBUG, "work manager keeps its adapter: {0}", notThisContainer.toString());
        }
    }

    /**
     * The container read this adapter's JavaBeans (adapter, factory, activation spec) through
     * {@link Introspector}, whose caches keep each class softly: after an undeploy they would keep
     * the adapter's class loader until the JVM runs short of memory.
     */
    private void forgetBeanInfo() {
        try {
            for (Class<?> bean : List.of(
                    getClass(),
                    AmqpResourceAdapter.class,
                    BrokerConfig.class,
                    AmqpActivationSpec.class,
                    AmqpManagedConnectionFactory.class)) {
                Introspector.flushFromCaches(bean);
            }
        } catch (RuntimeException | LinkageError noJavaBeans) {
            LOG.log(System.Logger.Level.DEBUG, "bean info caches not flushed: {0}", noJavaBeans.toString());
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof AmqpActivationSpec)) {
            throw new NotSupportedException("amqp-ra activates AmqpActivationSpec endpoints, not " + spec);
        }
        InboundActivation a = new InboundActivation(this, factory, (AmqpActivationSpec) spec);
        activations.put(new ActivationKey(factory, spec), a);
        a.start();
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        InboundActivation a = activations.remove(new ActivationKey(factory, spec));
        if (a != null) {
            a.stop();
        }
    }

    /** Activations are keyed by identity: two alike specs are two activations. */
    private static final class ActivationKey {
        private final MessageEndpointFactory factory;
        private final ActivationSpec spec;

        ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
            this.factory = factory;
            this.spec = spec;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey
                    && ((ActivationKey) o).factory == factory
                    && ((ActivationKey) o).spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0]; // one-phase resources: nothing to recover
    }

    /** The adapter's values with the built-in defaults filling the gaps. */
    public BrokerConfig effective() {
        return withDefaults(BrokerConfig.builtInDefaults());
    }

    /** Effective channels per broker connection. */
    public int effectiveChannelsPerConnection() {
        return channelsPerConnection == null || channelsPerConnection < 1 ? 64 : channelsPerConnection;
    }

    /**
     * The adapter an MCF or activation spec is given, checked to be ours
     * ({@code setResourceAdapter} is called once by the server).
     */
    public static AmqpResourceAdapter require(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof AmqpResourceAdapter)) {
            throw new ResourceException("not an amqp-ra resource adapter: " + ra);
        }
        return (AmqpResourceAdapter) ra;
    }

    /**
     * The container's transaction registry (Connectors 1.6+), or null: it tells an outbound
     * publish whether it runs in the transaction of the delivery on its thread.
     */
    public TransactionSynchronizationRegistry transactionRegistry() {
        return transactionRegistry;
    }

    /** Executor for connection loops: the WorkManager once started, else null (own threads). */
    public Executor backgroundExecutor() {
        WorkManager wm = workManager;
        return wm == null ? null : new WorkManagerExecutor(wm, true);
    }

    /** Executor for consumer callbacks: the WorkManager once started, else null. */
    public Executor dispatchExecutor() {
        WorkManager wm = workManager;
        return wm == null ? null : new WorkManagerExecutor(wm, false);
    }

    /** Something {@link #stop()} must close. */
    public void register(AutoCloseable resource) {
        resources.add(resource);
    }

    /** No longer needs closing at stop. */
    public void unregister(AutoCloseable resource) {
        resources.remove(resource);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o)
                && Objects.equals(channelsPerConnection, ((AmqpResourceAdapter) o).channelsPerConnection);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(channelsPerConnection);
    }
}
