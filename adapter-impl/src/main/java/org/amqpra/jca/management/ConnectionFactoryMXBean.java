package org.amqpra.jca.management;

/**
 * One outbound connection factory (its pool name), as
 * {@code org.amqpra:type=ConnectionFactory,pool=...}. Counts are since the factory was created.
 */
public interface ConnectionFactoryMXBean {
    /** The factory's {@code PoolName}. */
    String getPoolName();

    /** Messages published through the factory's connections (in and outside transactions). */
    long getPublishes();

    /** Publishes outside a transaction that the broker confirmed before the call returned. */
    long getConfirmedPublishes();

    /** Publishes outside a transaction that threw: nacked, returned, or outcome unknown. */
    long getUnconfirmedPublishes();

    /** Transactions that published and committed ({@code tx.commit} answered). */
    long getTransactionsCommitted();

    /** Transactions that published and were rolled back. */
    long getTransactionsRolledBack();

    /** Commits that failed: refused (rolled back) or unanswered (outcome unknown). */
    long getTransactionsFailed();

    /** Commits timed ({@code tx.commit} round trips). */
    long getCommitTimeCount();

    /** Their mean, in milliseconds. */
    double getCommitTimeMeanMillis();

    /** The longest, in milliseconds. */
    double getCommitTimeMaxMillis();

    /** The median, in milliseconds (from a histogram: at most 12.5 % high). */
    double getCommitTimeP50Millis();

    /** The 99th percentile, in milliseconds. */
    double getCommitTimeP99Millis();

    /** Broker connections open. */
    int getBrokerConnectionsOpen();

    /** Managed connections (one channel each) the pool holds. */
    int getManagedConnections();

    /** Managed connections an application holds right now. */
    int getChannelsInUse();

    /** Broker connections that could not be opened or were lost. */
    long getConnectionFailures();

    /** The last connection failure, or empty. */
    String getLastError();

    /** When it happened (ISO-8601), or empty. */
    String getLastErrorTime();

    /** {@code HEALTHY}, {@code DEGRADED} or {@code DOWN}. */
    String getHealth();

    /** Why it is not healthy, or empty. */
    String getHealthReason();
}
