package org.amqpra.jca;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the client's tasks as Connectors {@link Work} on the container's {@link WorkManager}: no
 * raw threads inside the container. Long-running loops (a connection's reader and heartbeat
 * monitor) carry the long-running hint so the container can give them a dedicated thread.
 */
public final class WorkManagerExecutor implements Executor {
    private final WorkManager workManager;
    private final boolean longRunning;

    /** An executor scheduling on {@code workManager}; {@code longRunning} sets the hint. */
    public WorkManagerExecutor(WorkManager workManager, boolean longRunning) {
        this.workManager = workManager;
        this.longRunning = longRunning;
    }

    /**
     * Long-running tasks (a connection's reader, monitor, writer, and the watchdog that bounds
     * its opening) must really run, not wait in a queue: they are started with
     * {@code startWork}, which returns once the task runs, or fails after this long.
     */
    static final long START_TIMEOUT_MILLIS = 30_000;

    @Override
    public void execute(Runnable task) {
        try {
            if (longRunning) {
                workManager.startWork(new HintedWork(task), START_TIMEOUT_MILLIS, null, null);
            } else {
                workManager.scheduleWork(new PlainWork(task));
            }
        } catch (WorkException e) {
            if (longRunning) {
                try {
                    // a container without hint support
                    workManager.startWork(new PlainWork(task), START_TIMEOUT_MILLIS, null, null);
                    return;
                } catch (WorkException again) {
                    e.addSuppressed(again);
                }
            }
            throw new RejectedExecutionException("the WorkManager did not run the task: " + e.getMessage(), e);
        }
    }

    /** A task as Work. Release (container shutdown) is handled by the adapter closing connections. */
    private static class PlainWork implements Work {
        private final Runnable task;

        PlainWork(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // the loops end when the adapter's stop() closes their connections
        }
    }

    /** Work that asks for a long-running thread. */
    private static final class HintedWork extends PlainWork implements WorkContextProvider {
        private static final long serialVersionUID = 1L;

        HintedWork(Runnable task) {
            super(task);
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            HintsContext hints = new HintsContext();
            hints.setName("amqp-ra connection loop");
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
            return List.of(hints);
        }
    }
}
