package org.opengateway.cluster;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job on a thread of its own as soon as it is asked, instead of at the next tick of its timer: new work is
 * taken up the moment it is committed. Asks that come while the job runs make it run once more, never more, so a burst
 * of a thousand asks costs a few runs. The timers stay: they take up the work other nodes committed.
 */
public final class Wakeup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Wakeup.class);

    private final String name;
    private final Runnable job;
    private final ExecutorService thread;
    private final AtomicBoolean asked = new AtomicBoolean();

    public Wakeup(String name, Runnable job) {
        this.name = name;
        this.job = job;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Has the job run soon; returns at once. */
    public void ask() {
        if (asked.compareAndSet(false, true)) {
            try {
                thread.execute(this::runOnce);
            } catch (RejectedExecutionException stopped) {
                asked.set(false);
            }
        }
    }

    private void runOnce() {
        asked.set(false);
        try {
            job.run();
        } catch (RuntimeException e) {
            // the timer runs it again soon
            log.warn("The job '{}' failed when woken up: {}", name, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
