package org.amqpra.jca.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;

/**
 * The container-managed local transaction of a managed connection, mapped onto the channel's
 * tx.select / tx.commit / tx.rollback. No LOCAL_TRANSACTION_* events are fired: those are for
 * application-demarcated local transactions, which this adapter does not expose.
 */
final class AmqpLocalTransaction implements LocalTransaction {
    private final AmqpManagedConnection mc;

    AmqpLocalTransaction(AmqpManagedConnection mc) {
        this.mc = mc;
    }

    @Override
    public void begin() throws ResourceException {
        mc.beginTx();
    }

    @Override
    public void commit() throws ResourceException {
        try {
            mc.commitTx();
        } catch (AmqpManagedConnection.CommitFailure f) {
            throw new LocalTransactionException(
                    f.getMessage()
                            + (f.outcomeUnknown ? " (no answer from the broker: outcome unknown)" : " (rolled back)"),
                    f.getCause());
        }
    }

    @Override
    public void rollback() throws ResourceException {
        mc.rollbackTx();
    }
}
