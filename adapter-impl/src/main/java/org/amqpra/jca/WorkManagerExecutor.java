package org.amqpra.jca;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
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
        // Submitted with a neutral context class loader: a container that keeps the submitter's
        // loader with the task (for the worker thread) must not keep an application's or this
        // adapter's loader alive through its idle threads after they are undeployed.
        Thread submitter = Thread.currentThread();
        ClassLoader before = submitter.getContextClassLoader();
        submitter.setContextClassLoader(NEUTRAL_LOADER);
        try {
            submit(task);
        } finally {
            submitter.setContextClassLoader(before);
        }
    }

    /** The loader of the Connectors API: lives as long as the server, belongs to no deployment. */
    private static final ClassLoader NEUTRAL_LOADER = Work.class.getClassLoader();

    private void submit(Runnable task) {
        try {
            if (longRunning) {
                workManager.startWork(DetachedWork.of(task, longRunningHint()), START_TIMEOUT_MILLIS, null, null);
            } else {
                workManager.scheduleWork(DetachedWork.of(task, List.of()));
            }
        } catch (WorkException e) {
            if (longRunning) {
                try {
                    // a container without hint support
                    workManager.startWork(DetachedWork.of(task, List.of()), START_TIMEOUT_MILLIS, null, null);
                    return;
                } catch (WorkException again) {
                    e.addSuppressed(again);
                }
            }
            throw new RejectedExecutionException("the WorkManager did not run the task: " + e.getMessage(), e);
        }
    }

    /** Asks for a thread of its own: a connection's loops run as long as the connection. */
    private static List<WorkContext> longRunningHint() {
        HintsContext hints = new HintsContext();
        hints.setName("amqp-ra connection loop");
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return List.of(hints);
    }
}
