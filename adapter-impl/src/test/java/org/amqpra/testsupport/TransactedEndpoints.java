package org.amqpra.testsupport;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * Endpoints with container-managed transactions (REQUIRED) as a Java SE stand-in for an
 * application server with the delivery's XAResource as the transaction's only resource:
 * {@code beforeDelivery} starts it, {@code afterDelivery} commits it in one phase, or rolls it
 * back when {@code onMessage} threw.
 */
public final class TransactedEndpoints {
    private static final AtomicLong IDS = new AtomicLong();

    private TransactedEndpoints() {}

    /** An endpoint factory whose deliveries are transacted and run {@code onMessage}. */
    public static MessageEndpointFactory of(Consumer<Message> onMessage) {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource) {
                return new Endpoint(onMessage, xaResource);
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
                return createEndpoint(xaResource);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return true;
            }

            @Override
            public String getActivationName() {
                return "test-transacted-endpoint";
            }

            @Override
            public Class<?> getEndpointClass() {
                return Endpoint.class;
            }
        };
    }

    private static final class Endpoint implements MessageEndpoint, AmqpMessageListener {
        private final Consumer<Message> onMessage;
        private final XAResource xa;
        private Xid xid;
        private boolean failed;

        Endpoint(Consumer<Message> onMessage, XAResource xa) {
            this.onMessage = onMessage;
            this.xa = xa;
        }

        @Override
        public void beforeDelivery(Method method) throws ResourceException {
            xid = new TestXid(IDS.incrementAndGet());
            failed = false;
            try {
                xa.start(xid, XAResource.TMNOFLAGS);
            } catch (XAException e) {
                throw new ResourceException("start: " + e.errorCode, e);
            }
        }

        @Override
        public void onMessage(Message m) {
            try {
                onMessage.accept(m);
            } catch (RuntimeException | Error e) {
                failed = true; // a system exception: the container rolls the transaction back
                throw e;
            }
        }

        @Override
        public void afterDelivery() throws ResourceException {
            try {
                xa.end(xid, failed ? XAResource.TMFAIL : XAResource.TMSUCCESS);
                if (failed) {
                    xa.rollback(xid);
                } else {
                    xa.commit(xid, true);
                }
            } catch (XAException e) {
                throw new ResourceException((failed ? "rollback: " : "commit: ") + e.errorCode, e);
            }
        }

        @Override
        public void release() {}
    }

    private record TestXid(long id) implements Xid {
        @Override
        public int getFormatId() {
            return 0x616d71;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ByteBuffer.allocate(8).putLong(id).array();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }
}
