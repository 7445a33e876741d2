package org.amqpra.jca.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.amqpra.AmqpException;
import org.amqpra.Channel;
import org.amqpra.ConnectionException;
import org.amqpra.client.Connection;
import org.amqpra.jca.AmqpResourceAdapter;

/**
 * One endpoint activation: its own broker connection with {@code maxConcurrency} delivery slots.
 * Runs entirely on the WorkManager. When the connection breaks (broker restart, forced close,
 * missed heartbeats) or a consumer is cancelled, it reconnects with exponential back-off and
 * resumes consuming; messages that were delivered but not acked come back from the broker.
 * Deactivation cancels the consumers, waits for in-flight deliveries, then closes.
 */
public final class InboundActivation {
    private static final System.Logger LOG = System.getLogger(InboundActivation.class.getName());

    private final AmqpResourceAdapter ra;
    private final MessageEndpointFactory factory;
    private final AmqpActivationSpec spec;
    private final boolean transacted;
    private final RedeliveryCounter counter = new RedeliveryCounter();
    private final FailureStreak streak = new FailureStreak();
    private final List<DeliverySlot> slots = new CopyOnWriteArrayList<>();
    private final Object sleeper = new Object();
    private volatile boolean stopping;
    private volatile Connection connection;
    private volatile boolean reconnecting;

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
     * The container's unique name of this endpoint (Connectors 1.7 {@code getActivationName}, for
     * example the module and bean name), for the broker connection's name; the endpoint class's
     * simple name where the container gives none.
     */
    String activationName() {
        try {
            String name = factory.getActivationName();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (RuntimeException | AbstractMethodError olderContainer) {
            // fall through
        }
        try {
            return factory.getEndpointClass().getSimpleName();
        } catch (RuntimeException | AbstractMethodError olderContainer) {
            return "mdb";
        }
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

    /** Starts connecting on the WorkManager; returns at once. */
    public void start() throws ResourceException {
        Executor background = ra.backgroundExecutor();
        if (background == null) {
            throw new ResourceException("the resource adapter has not been started (no WorkManager)");
        }
        reconnecting = true;
        background.execute(this::connectLoop);
    }

    private void connectLoop() {
        long delay = spec.getReconnectInitialDelayMillis();
        try {
            while (!stopping) {
                try {
                    connectAndConsume();
                    LOG.log(
                            System.Logger.Level.INFO,
                            "consuming from {0} with {1} slot(s){2}",
                            spec.getQueue(),
                            slots.size(),
                            transacted ? ", transacted" : "");
                    return;
                } catch (RuntimeException e) {
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
        declareTopology(conn);
        slots.clear();
        for (int i = 0; i < spec.getMaxConcurrency(); i++) {
            slots.add(new DeliverySlot(this, conn, transacted, counter, streak));
        }
        conn.addCloseListener(this::connectionLost);
        for (DeliverySlot s : slots) {
            s.start();
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
        Connection conn = connection;
        if (conn != null && conn.isConnected() && !(cause instanceof ConnectionException) && slots.contains(slot)) {
            try {
                DeliverySlot fresh = new DeliverySlot(this, conn, transacted, counter, streak);
                slots.set(slots.indexOf(slot), fresh);
                fresh.start();
                LOG.log(
                        System.Logger.Level.WARNING,
                        "a delivery slot of {0} lost its channel ({1}); it continues on a new one",
                        spec.getQueue(),
                        cause == null ? "closed" : cause.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot replace a delivery slot: {0}", e.toString());
            }
        }
        closeConnection();
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
