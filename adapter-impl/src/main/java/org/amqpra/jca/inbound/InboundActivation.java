package org.amqpra.jca.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.amqpra.AmqpException;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Channel;
import org.amqpra.ConnectionException;
import org.amqpra.client.Connection;
import org.amqpra.jca.AmqpResourceAdapter;
import org.amqpra.jca.management.BrokerConnectionView;
import org.amqpra.jca.management.Health;
import org.amqpra.jca.management.ManagementRegistration;

/**
 * One endpoint activation: its own broker connection with {@code maxConcurrency} delivery slots.
 * Runs entirely on the WorkManager. When the connection breaks (broker restart, forced close,
 * missed heartbeats) or a consumer is cancelled, it reconnects with exponential back-off and
 * resumes consuming; messages that were delivered but not acked come back from the broker.
 * Deactivation cancels the consumers, waits for in-flight deliveries, then closes.
 *
 * <p>An operator can pause delivery ({@link #pauseDelivery}: the consumers are cancelled, the
 * connection stays) and resume it; with {@code maxConsecutiveFailures} the activation pauses
 * itself after that many failures in a row. Its MBean ({@link ActivationView}) shows what it does.
 */
public final class InboundActivation {
    private static final System.Logger LOG = System.getLogger(InboundActivation.class.getName());

    private final AmqpResourceAdapter ra;
    private final MessageEndpointFactory factory;
    private final AmqpActivationSpec spec;
    private final boolean transacted;
    private final RedeliveryCounter counter = new RedeliveryCounter();
    private final FailureStreak streak = new FailureStreak();
    private final DeliveryStatistics stats = new DeliveryStatistics();
    private final List<DeliverySlot> slots = new CopyOnWriteArrayList<>();
    private final Object sleeper = new Object();
    private volatile boolean stopping;
    private volatile Connection connection;
    private volatile boolean reconnecting;
    /** Why delivery is paused; null while it is not. Changed under this object's lock. */
    private volatile String pausedReason;

    private volatile ManagementRegistration registration;

    /** An activation for {@code factory} configured by {@code spec}. */
    public InboundActivation(AmqpResourceAdapter ra, MessageEndpointFactory factory, AmqpActivationSpec spec)
            throws ResourceException {
        this.ra = ra;
        this.factory = factory;
        this.spec = spec;
        spec.validate();
        try {
            this.transacted = factory.isDeliveryTransacted(DeliverySlot.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("the endpoint does not implement AmqpMessageListener.onMessage", e);
        }
    }

    /**
     * The endpoint's name, for the broker connection's name and the MBean: the container's name
     * of the endpoint (Connectors 1.7 {@code getActivationName}) where it names the bean;
     * otherwise {@code <application>:<bean class>}, the application read from the name of the
     * bean's class loader (WildFly: {@code deployment.<archive>}), or the bean class alone.
     * WildFly's activation name is the adapter and listener interface, alike for every MDB.
     */
    String activationName() {
        String name = null;
        try {
            name = factory.getActivationName();
        } catch (RuntimeException | AbstractMethodError olderContainer) {
            // fall through
        }
        if (name != null && !name.isBlank() && !name.contains(AmqpMessageListener.class.getName())) {
            return name;
        }
        try {
            Class<?> bean = factory.getEndpointClass();
            String application = applicationOf(bean.getClassLoader());
            return application == null ? bean.getSimpleName() : application + ":" + bean.getSimpleName();
        } catch (RuntimeException | AbstractMethodError olderContainer) {
            return name != null && !name.isBlank() ? name : "mdb";
        }
    }

    /** The application a class loader belongs to, from its name, or null when it has none. */
    static String applicationOf(ClassLoader loader) {
        String name = loader == null ? null : loader.getName();
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.startsWith("deployment.") ? name.substring("deployment.".length()) : name;
    }

    AmqpResourceAdapter adapter() {
        return ra;
    }

    AmqpActivationSpec spec() {
        return spec;
    }

    MessageEndpointFactory factory() {
        return factory;
    }

    boolean stopping() {
        return stopping;
    }

    DeliveryStatistics statistics() {
        return stats;
    }

    List<DeliverySlot> slots() {
        return slots;
    }

    Connection connection() {
        return connection;
    }

    /** Why delivery is paused, or null while it is not. */
    String pausedReason() {
        return pausedReason;
    }

    /** What the activation is doing now. */
    ActivationState state() {
        if (stopping) {
            return ActivationState.STOPPED;
        }
        if (pausedReason != null) {
            return ActivationState.PAUSED;
        }
        Connection c = connection;
        if (c == null || !c.isConnected() || reconnecting) {
            return ActivationState.CONNECTING;
        }
        return streak.endpointFailing() ? ActivationState.BACKING_OFF : ActivationState.DELIVERING;
    }

    /** The readiness verdict, from the state. */
    Health health() {
        String last = stats.lastError.text();
        switch (state()) {
            case STOPPED:
                return Health.down("deactivated");
            case CONNECTING:
                return Health.down("not connected to the broker" + (last.isEmpty() ? "" : ": " + last));
            case PAUSED:
                return Health.degraded("delivery paused: " + pausedReason);
            case BACKING_OFF:
                return Health.degraded("every delivery fails, failed messages are requeued after a pause"
                        + (last.isEmpty() ? "" : ": " + last));
            default:
                Connection c = connection;
                return c != null && c.isBlocked()
                        ? Health.degraded("the broker blocks publishing on the connection (memory or disk alarm)")
                        : Health.healthy();
        }
    }

    /**
     * Pauses delivery: the consumers are cancelled, the connection and channels stay open;
     * deliveries in progress finish, and messages the broker had already sent are handed back
     * unprocessed (requeued). Nothing is delivered until {@link #resumeDelivery()}.
     *
     * @return false if it was paused already or is stopping
     */
    synchronized boolean pauseDelivery(String reason) {
        if (stopping || pausedReason != null) {
            return false;
        }
        pausedReason = reason;
        for (DeliverySlot s : slots) {
            s.cancel();
        }
        LOG.log(System.Logger.Level.WARNING, "delivery from {0} paused: {1}", spec.getQueue(), reason);
        return true;
    }

    /** Resumes delivery paused by an operator or by {@code maxConsecutiveFailures}. */
    synchronized void resumeDelivery() {
        if (stopping || pausedReason == null) {
            return;
        }
        pausedReason = null;
        stats.resetConsecutiveFailures();
        Connection conn = connection;
        if (conn != null && conn.isConnected()) {
            for (DeliverySlot s : slots) {
                try {
                    s.start();
                } catch (AmqpException e) {
                    slotBroken(s, e);
                }
            }
        } // else the reconnect loop starts the slots when it has a connection
        LOG.log(System.Logger.Level.INFO, "delivery from {0} resumed", spec.getQueue());
    }

    /** Starts connecting on the WorkManager; returns at once. */
    public void start() throws ResourceException {
        Executor background = ra.backgroundExecutor();
        if (background == null) {
            throw new ResourceException("the resource adapter has not been started (no WorkManager)");
        }
        registration = ManagementRegistration.register(
                "Activation", new ActivationView(this), "endpoint", activationName(), "queue", spec.getQueue());
        reconnecting = true;
        background.execute(this::connectLoop);
    }

    private void connectLoop() {
        long delay = spec.getReconnectInitialDelayMillis();
        try {
            while (!stopping) {
                try {
                    connectAndConsume();
                    stats.connects.increment();
                    LOG.log(
                            System.Logger.Level.INFO,
                            "consuming from {0} with {1} slot(s){2}",
                            spec.getQueue(),
                            slots.size(),
                            transacted ? ", transacted" : "");
                    return;
                } catch (RuntimeException e) {
                    stats.lastError.record("cannot consume from " + spec.getQueue() + ": " + e.getMessage());
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "cannot consume from {0} ({1}); retrying in {2} ms",
                            spec.getQueue(),
                            e.getMessage(),
                            delay);
                    closeConnection();
                    pause(delay);
                    delay = Math.min(delay * 2, spec.getReconnectMaxDelayMillis());
                }
            }
        } finally {
            reconnecting = false;
        }
    }

    private void connectAndConsume() {
        Connection conn = Connection.open(spec.effectiveBroker()
                .toParameters(
                        spec.effectiveBroker().getUserName(),
                        spec.effectiveBroker().getPassword(),
                        ra.backgroundExecutor(),
                        ra.dispatchExecutor(),
                        activationName()));
        connection = conn;
        BrokerConnectionView.registerWhileOpen(conn);
        declareTopology(conn);
        synchronized (this) { // a pause meanwhile must see these slots, or they must see it
            slots.clear();
            for (int i = 0; i < spec.getMaxConcurrency(); i++) {
                slots.add(new DeliverySlot(this, conn, transacted, counter, streak));
            }
            conn.addCloseListener(this::connectionLost);
            if (pausedReason == null) {
                for (DeliverySlot s : slots) {
                    s.start();
                }
            }
        }
    }

    private void declareTopology(Connection conn) {
        if (!Boolean.TRUE.equals(spec.getDeclare())) {
            return;
        }
        boolean durable = !Boolean.FALSE.equals(spec.getDurable());
        Channel ch = conn.channel();
        try {
            Map<String, Object> args = spec.declareArguments();
            ch.queueDeclare(spec.getQueue(), false, durable, false, false, false, args.isEmpty() ? null : args);
            String ex = spec.getExchange();
            if (ex != null && !ex.isEmpty()) {
                ch.exchangeDeclare(ex, spec.getExchangeType(), false, durable, false, false, null);
                ch.queueBind(
                        spec.getQueue(), ex, spec.getRoutingKey() != null ? spec.getRoutingKey() : spec.getQueue());
            }
        } finally {
            ch.close();
        }
    }

    private void connectionLost(AmqpException cause) {
        if (stopping) {
            return;
        }
        stats.lastError.record("connection lost: " + cause.getMessage());
        LOG.log(
                System.Logger.Level.WARNING,
                "connection for {0} lost ({1}); reconnecting",
                spec.getQueue(),
                cause.getMessage());
        scheduleReconnect();
    }

    /**
     * A slot's channel broke while settling ({@code cause} is null when only its closed state is
     * known). When the connection is fine and only that channel is gone (the broker closed it:
     * a delivery unacked past the broker's {@code consumer_timeout}, say), only that slot starts
     * over, on a new channel, and the other slots keep delivering; the broker redelivers what
     * the old channel held. Otherwise the whole connection starts over.
     */
    void slotBroken(DeliverySlot slot, AmqpException cause) {
        if (stopping || !slot.retire()) {
            return; // stopping, or this slot was started over already
        }
        if (cause != null) {
            stats.lastError.record("a delivery channel broke: " + cause.getMessage());
        }
        if (!(cause instanceof ConnectionException) && replacedOnTheSameConnection(slot)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "a delivery slot of {0} lost its channel ({1}); it continues on a new one",
                    spec.getQueue(),
                    cause == null ? "closed" : cause.getMessage());
            return;
        }
        closeConnection();
    }

    /**
     * A transacted slot starts over on a fresh channel after a rolled-back delivery (on a broker
     * that re-sends unacked deliveries at {@code tx.rollback}, see {@link BrokerTraits}): its
     * channel is closed, so every message it held returns to the queue.
     */
    void startOver(DeliverySlot slot) {
        if (stopping || !slot.retire()) {
            return;
        }
        if (!replacedOnTheSameConnection(slot)) {
            closeConnection();
        }
    }

    /**
     * A retired slot replaced by a new one on the activation's connection, if it is still open;
     * false when it is not (the caller then starts the whole connection over).
     */
    private boolean replacedOnTheSameConnection(DeliverySlot slot) {
        Connection conn = connection;
        if (conn == null || !conn.isConnected() || !slots.contains(slot)) {
            return false;
        }
        try {
            replaceSlot(slot, conn);
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot replace a delivery slot: {0}", e.toString());
            return false;
        }
    }

    /** A new slot on {@code conn} in place of {@code slot}, consuming unless delivery is paused. */
    private synchronized void replaceSlot(DeliverySlot slot, Connection conn) {
        int index = slots.indexOf(slot);
        if (index < 0) {
            return; // a reconnect replaced every slot meanwhile
        }
        DeliverySlot fresh = new DeliverySlot(this, conn, transacted, counter, streak);
        slots.set(index, fresh);
        if (pausedReason == null) {
            fresh.start();
        }
    }

    private synchronized void scheduleReconnect() {
        if (stopping || reconnecting) {
            return;
        }
        reconnecting = true;
        Executor background = ra.backgroundExecutor();
        if (background == null) {
            reconnecting = false;
            return;
        }
        background.execute(() -> {
            pause(spec.getReconnectInitialDelayMillis());
            connectLoop();
        });
    }

    /**
     * Deactivation: cancel the consumers, let in-flight deliveries finish (up to the configured
     * wait), then close. Unacked messages go back to the queue when the channels close.
     */
    public void stop() {
        stopping = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        for (DeliverySlot s : slots) {
            s.cancel();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.getDeactivationTimeoutMillis());
        while (slots.stream().anyMatch(DeliverySlot::inFlight) && System.nanoTime() < deadline) {
            sleepQuietly(20);
        }
        closeConnection();
        slots.clear();
        ManagementRegistration r = registration;
        if (r != null) {
            r.close();
        }
        LOG.log(System.Logger.Level.INFO, "stopped consuming from {0}", spec.getQueue());
    }

    private void closeConnection() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing: {0}", e.toString());
            }
        }
    }

    /**
     * Waits {@code millis}, or less if the activation stops meanwhile.
     *
     * @return false if the activation is stopping
     */
    boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (sleeper) {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sleeper, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return !stopping;
                }
            }
        }
        return !stopping;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
