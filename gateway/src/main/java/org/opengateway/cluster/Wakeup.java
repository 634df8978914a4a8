package org.opengateway.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job on a thread of its own as soon as it is asked, instead of at the next tick of its timer: new work is
 * taken up the moment it is committed. Asks that come while the job runs make it run once more, never more, so a burst
 * of a thousand asks costs a few runs. With a rest, a run starts no sooner than that long after the last one ended, so
 * that the asks of that moment are served together. The timers stay: they take up the work other nodes committed.
 */
public final class Wakeup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Wakeup.class);

    private final String name;
    private final Runnable job;
    private final long restNanos;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean asked = new AtomicBoolean();
    /** Only touched on the job's own thread. */
    private long lastEnded = System.nanoTime();

    public Wakeup(String name, Runnable job) {
        this(name, job, Duration.ZERO);
    }

    public Wakeup(String name, Runnable job, Duration rest) {
        this.name = name;
        this.job = job;
        this.restNanos = rest.toNanos();
        this.lastEnded -= restNanos;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
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
        long resting = lastEnded + restNanos - System.nanoTime();
        if (resting > 0) {
            // still asked: asks meanwhile change nothing, and this run comes when the rest is over
            schedule(resting);
            return;
        }
        asked.set(false);
        try {
            job.run();
        } catch (RuntimeException e) {
            // the timer runs it again soon
            log.warn("The job '{}' failed when woken up: {}", name, e.getMessage());
        } finally {
            lastEnded = System.nanoTime();
        }
    }

    private void schedule(long delayNanos) {
        try {
            thread.schedule(this::runOnce, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            asked.set(false);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
