package org.amqpra.jca;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Work whose class belongs to the Connectors API's class loader, not to this adapter's.
 *
 * <p>A container's idle worker thread keeps its last task (WildFly: in a stack frame of the
 * thread, measured with a heap dump after redeploys), and with it the Work object. Were that
 * object of a class of this adapter, it would keep the undeployed adapter's class loader, and
 * every class it loaded, alive for as long as the thread idles. So the Work handed to the
 * container is of a class defined, once per server, in the API's package (see
 * {@link DetachedWorkClass}), naming only JDK and API types; it lets go of the task when it has
 * run it. Where the container's API package does not admit the class (a named module that is not
 * open, say), a Work of this adapter is used instead, which only lets go of the task.
 */
final class DetachedWork {
    private static final System.Logger LOG = System.getLogger(DetachedWork.class.getName());
    private static final MethodHandle CONSTRUCTOR = constructor();

    private DetachedWork() {}

    /** A Work running {@code task} once, offering {@code contexts} (hints) to the container. */
    static Work of(Runnable task, List<WorkContext> contexts) {
        if (CONSTRUCTOR != null) {
            try {
                return (Work) CONSTRUCTOR.invoke(task, contexts);
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.DEBUG, "detached work not created: {0}", e.toString());
            }
        }
        return new OwnWork(task, contexts);
    }

    private static MethodHandle constructor() {
        try {
            MethodHandles.Lookup api = MethodHandles.privateLookupIn(Work.class, MethodHandles.lookup());
            Class<?> c;
            try {
                c = api.findClass(DetachedWorkClass.NAME.replace('/', '.'));
            } catch (ClassNotFoundException firstDeployment) {
                try {
                    c = api.defineClass(DetachedWorkClass.bytes());
                } catch (LinkageError definedMeanwhile) {
                    c = api.findClass(DetachedWorkClass.NAME.replace('/', '.'));
                }
            }
            return MethodHandles.publicLookup()
                    .findConstructor(c, MethodType.methodType(void.class, Runnable.class, List.class))
                    .asType(MethodType.methodType(Object.class, Runnable.class, List.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "the Connectors API package does not admit amqp-ra''s work class ({0}): idle container "
                            + "threads may keep an undeployed adapter''s classes until they end",
                    e.toString());
            return null;
        }
    }

    /** Whether the container is given work of the API's class loader. */
    static boolean detached() {
        return CONSTRUCTOR != null;
    }

    /** The fallback: this adapter's own Work, letting go of the task once run. */
    private static final class OwnWork implements Work, jakarta.resource.spi.work.WorkContextProvider {
        private static final long serialVersionUID = 1L;
        private volatile Runnable task;
        private final List<WorkContext> contexts;

        OwnWork(Runnable task, List<WorkContext> contexts) {
            this.task = task;
            this.contexts = contexts;
        }

        @Override
        public void run() {
            Runnable t = task;
            task = null;
            t.run();
        }

        @Override
        public void release() {
            // the loops end when the adapter's stop() closes their connections
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            return contexts;
        }
    }
}
