package org.amqpra.jca.inbound;

import org.amqpra.client.Address;
import org.amqpra.client.Connection;
import org.amqpra.jca.management.ActivationMXBean;

/** An activation's MBean: reads its statistics and state; pauses and resumes it. */
final class ActivationView implements ActivationMXBean {
    private final InboundActivation activation;
    private final DeliveryStatistics stats;

    ActivationView(InboundActivation activation) {
        this.activation = activation;
        this.stats = activation.statistics();
    }

    @Override
    public String getEndpoint() {
        return activation.activationName();
    }

    @Override
    public String getQueue() {
        return activation.spec().getQueue();
    }

    @Override
    public String getState() {
        return activation.state().name();
    }

    @Override
    public String getPausedReason() {
        String r = activation.pausedReason();
        return r == null ? "" : r;
    }

    @Override
    public long getDelivered() {
        return stats.delivered.sum();
    }

    @Override
    public long getSucceeded() {
        return stats.succeeded.sum();
    }

    @Override
    public long getFailed() {
        return stats.failed.sum();
    }

    @Override
    public long getRedelivered() {
        return stats.redelivered.sum();
    }

    @Override
    public long getDeadLettered() {
        return stats.deadLettered.sum();
    }

    @Override
    public int getInFlight() {
        return getSlotsBusy(); // a slot holds one delivery at a time
    }

    @Override
    public int getSlotsBusy() {
        int busy = 0;
        for (DeliverySlot s : activation.slots()) {
            if (s.inFlight()) {
                busy++;
            }
        }
        return busy;
    }

    @Override
    public int getSlotsTotal() {
        return activation.slots().size();
    }

    @Override
    public int getConsecutiveFailures() {
        return stats.consecutiveFailures();
    }

    @Override
    public String getConnectedNode() {
        Connection c = activation.connection();
        Address a = c == null || !c.isConnected() ? null : c.connectedAddress();
        return a == null ? "" : a.host() + ":" + a.port();
    }

    @Override
    public long getReconnects() {
        return Math.max(0, stats.connects.sum() - 1);
    }

    @Override
    public String getLastError() {
        return stats.lastError.text();
    }

    @Override
    public String getLastErrorTime() {
        return stats.lastError.time();
    }

    @Override
    public long getDeliveryTimeCount() {
        return stats.deliveryTime.count();
    }

    @Override
    public double getDeliveryTimeMeanMillis() {
        return stats.deliveryTime.meanMillis();
    }

    @Override
    public double getDeliveryTimeMaxMillis() {
        return stats.deliveryTime.maxMillis();
    }

    @Override
    public double getDeliveryTimeP50Millis() {
        return stats.deliveryTime.percentileMillis(0.5);
    }

    @Override
    public double getDeliveryTimeP90Millis() {
        return stats.deliveryTime.percentileMillis(0.9);
    }

    @Override
    public double getDeliveryTimeP99Millis() {
        return stats.deliveryTime.percentileMillis(0.99);
    }

    @Override
    public String getHealth() {
        return activation.health().status().name();
    }

    @Override
    public String getHealthReason() {
        return activation.health().reason();
    }

    @Override
    public void stopDelivery() {
        activation.pauseDelivery("paused over JMX (stopDelivery)");
    }

    @Override
    public void startDelivery() {
        activation.resumeDelivery();
    }
}
