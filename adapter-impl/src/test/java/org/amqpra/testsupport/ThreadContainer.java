package org.amqpra.testsupport;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.transaction.xa.XAResource;
import org.amqpra.AmqpMessageListener;
import org.amqpra.Message;

/**
 * The smallest container the inbound side needs in Java SE: a {@link BootstrapContext} whose
 * {@link WorkManager} runs work on plain threads, and a {@link MessageEndpointFactory} of
 * non-transacted endpoints that hand each message to a test's {@code onMessage}. What a real
 * container adds (transactions, pooling, the bean's life cycle) is tested in WildFly by the ITs.
 */
public final class ThreadContainer implements BootstrapContext, AutoCloseable {
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-work");
        t.setDaemon(true);
        return t;
    });
    private final WorkManager workManager = new ThreadWorkManager();

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    /** An endpoint factory whose endpoints run {@code onMessage} for each delivery. */
    public static MessageEndpointFactory endpoints(Consumer<Message> onMessage) {
        return endpoints(onMessage, 0);
    }

    /**
     * Like {@link #endpoints(Consumer)}, but the first {@code unavailableTimes} calls of
     * {@code createEndpoint} throw {@link UnavailableException}, as a container does when its
     * pool of bean instances is exhausted.
     */
    public static MessageEndpointFactory endpoints(Consumer<Message> onMessage, int unavailableTimes) {
        AtomicInteger refusals = new AtomicInteger(unavailableTimes);
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
                if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new UnavailableException("no bean instance free");
                }
                return new Endpoint(onMessage);
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
                return createEndpoint(xaResource);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "test-endpoint";
            }

            @Override
            public Class<?> getEndpointClass() {
                return Endpoint.class;
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static final class Endpoint implements MessageEndpoint, AmqpMessageListener {
        private final Consumer<Message> onMessage;

        Endpoint(Consumer<Message> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public void onMessage(Message m) {
            onMessage.accept(m);
        }

        @Override
        public void beforeDelivery(Method method) {}

        @Override
        public void afterDelivery() {}

        @Override
        public void release() {}
    }

    private final class ThreadWorkManager implements WorkManager {
        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
            work.run();
        }

        @Override
        public long startWork(Work work) {
            threads.execute(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
            threads.execute(work);
            if (listener != null) {
                listener.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
            }
            return 0;
        }

        @Override
        public void scheduleWork(Work work) {
            threads.execute(work);
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) {
            threads.execute(work);
        }
    }
}
