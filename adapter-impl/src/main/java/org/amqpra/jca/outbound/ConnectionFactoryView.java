package org.amqpra.jca.outbound;

import org.amqpra.jca.management.ConnectionFactoryMXBean;
import org.amqpra.jca.management.Health;

/** A connection factory's MBean. */
final class ConnectionFactoryView implements ConnectionFactoryMXBean {
    private final AmqpManagedConnectionFactory factory;
    private final FactoryStatistics stats;

    ConnectionFactoryView(AmqpManagedConnectionFactory factory) {
        this.factory = factory;
        this.stats = factory.statistics();
    }

    @Override
    public String getPoolName() {
        return factory.effectivePoolName();
    }

    @Override
    public long getPublishes() {
        return stats.publishes.sum();
    }

    @Override
    public long getConfirmedPublishes() {
        return stats.confirmed.sum();
    }

    @Override
    public long getUnconfirmedPublishes() {
        return stats.unconfirmed.sum();
    }

    @Override
    public long getTransactionsCommitted() {
        return stats.committed.sum();
    }

    @Override
    public long getTransactionsRolledBack() {
        return stats.rolledBack.sum();
    }

    @Override
    public long getTransactionsFailed() {
        return stats.commitFailed.sum();
    }

    @Override
    public long getCommitTimeCount() {
        return stats.commitTime.count();
    }

    @Override
    public double getCommitTimeMeanMillis() {
        return stats.commitTime.meanMillis();
    }

    @Override
    public double getCommitTimeMaxMillis() {
        return stats.commitTime.maxMillis();
    }

    @Override
    public double getCommitTimeP50Millis() {
        return stats.commitTime.percentileMillis(0.5);
    }

    @Override
    public double getCommitTimeP99Millis() {
        return stats.commitTime.percentileMillis(0.99);
    }

    @Override
    public int getBrokerConnectionsOpen() {
        return factory.shared().openConnections();
    }

    @Override
    public int getManagedConnections() {
        return factory.shared().managedConnections(false);
    }

    @Override
    public int getChannelsInUse() {
        return factory.shared().managedConnections(true);
    }

    @Override
    public long getConnectionFailures() {
        return stats.connectionFailures.sum();
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
    public String getHealth() {
        return health().status().name();
    }

    @Override
    public String getHealthReason() {
        return health().reason();
    }

    /**
     * Down while the last attempt to open a broker connection failed and none is open; degraded
     * while the broker blocks publishing on one of them; else healthy (also before first use).
     */
    private Health health() {
        SharedConnections shared = factory.shared();
        if (stats.lastOpenFailed && shared.openConnections() == 0) {
            return Health.down(stats.lastError.text());
        }
        return shared.anyBlocked()
                ? Health.degraded("the broker blocks publishing on a connection (memory or disk alarm)")
                : Health.healthy();
    }
}
