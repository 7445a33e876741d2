package org.amqpra.testsupport;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A transaction registry that only knows "the current transaction": its key, set by the test.
 * Stands in for the container's in tests of code that asks which transaction it runs in.
 */
public final class CurrentTransaction implements TransactionSynchronizationRegistry {
    /** The current transaction's key; null means no transaction. */
    public volatile Object key;

    @Override
    public Object getTransactionKey() {
        return key;
    }

    @Override
    public void putResource(Object k, Object v) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getResource(Object k) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerInterposedSynchronization(Synchronization s) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getTransactionStatus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setRollbackOnly() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean getRollbackOnly() {
        throw new UnsupportedOperationException();
    }
}
