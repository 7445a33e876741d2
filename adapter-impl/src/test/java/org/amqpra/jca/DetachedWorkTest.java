package org.amqpra.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DetachedWorkTest {
    @Test
    void theWorkIsOfAClassOfTheApisLoaderAndRunsTheTaskOnce() {
        assertTrue(DetachedWork.detached(), "the API package admits the class here");
        AtomicInteger runs = new AtomicInteger();
        HintsContext hint = new HintsContext();
        Work w = DetachedWork.of(runs::incrementAndGet, List.of(hint));
        assertSame(Work.class.getClassLoader(), w.getClass().getClassLoader());
        assertEquals(
                "jakarta.resource.spi.work.AmqpRaDetachedWork", w.getClass().getName());
        assertEquals(List.<WorkContext>of(hint), ((WorkContextProvider) w).getWorkContexts());
        w.release();
        w.run();
        assertEquals(1, runs.get());
    }

    @Test
    void onceRunItNoLongerHoldsTheTask() throws Exception {
        Runnable task = new Runnable() {
            @Override
            public void run() {}
        };
        WeakReference<Runnable> ref = new WeakReference<>(task);
        Work w = DetachedWork.of(task, List.of());
        task = null;
        w.run();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the task was let go");
        assertTrue(w.getClass().getName().startsWith("jakarta."));
    }
}
