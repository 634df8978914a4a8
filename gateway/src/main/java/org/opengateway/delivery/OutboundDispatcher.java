package org.opengateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.cluster.Wakeup;
import org.opengateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes due invoices from the database and sends them, up to {@code gateway.sending.parallel} at a time. An invoice
 * accepted on this node while a sender is free is leased to it in the accepting transaction and sent when that
 * commits. The database is polled by the outbound route's timer (for work of other nodes and retries that fall due),
 * at once when an invoice is accepted while every sender is busy, and when an attempt ends while such work waits, so
 * that a busy node keeps all its senders working. Every node runs one; the database decides who sends what.
 */
public class OutboundDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
    private static final Duration BACKFILL_LEASE = Duration.ofMinutes(5);

    private final Deliveries deliveries;
    private final OutboundDelivery delivery;
    private final GatewayProperties.Sending settings;
    private final String node;
    private final Semaphore free;
    private final ExecutorService senders;
    private final ReentrantLock polling = new ReentrantLock();
    private final Wakeup wakeup = new Wakeup("sending-wakeup", this::poll);
    private volatile boolean stopping;
    /** Due work may be waiting that this node saw: an invoice accepted while every sender was busy, or a full poll. */
    private final AtomicBoolean backlog = new AtomicBoolean();

    public OutboundDispatcher(Deliveries deliveries, OutboundDelivery delivery, GatewayProperties.Sending settings,
            String node, ClusterJobs jobs) {
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.settings = settings;
        this.node = node;
        this.free = new Semaphore(settings.parallel());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.parallel(),
                task -> new Thread(task, "sender-" + threads.incrementAndGet()));
        // one node of those starting together schedules the invoices accepted before sending existed
        if (jobs.oncePer("delivery-backfill", BACKFILL_LEASE.toMillis())) {
            for (UUID invoice : deliveries.acceptedWithoutDelivery()) {
                try {
                    deliveries.schedule(invoice, now());
                } catch (org.springframework.dao.DuplicateKeyException anotherNodeFirst) {
                    // scheduled meanwhile
                }
            }
        }
        int released = deliveries.releaseLeasesOf(node, now());
        if (released > 0) {
            log.info("This node held {} invoices in flight when it stopped; they are sent again now, with the same"
                    + " AS4 message IDs, so each recipient gets them once", released);
        }
    }

    /** Claims as many due invoices as there are free senders and starts them. Returns how many it started. */
    public int poll() {
        if (stopping || !settings.enabled() || !polling.tryLock()) {
            return 0;
        }
        try {
            int slots = free.availablePermits();
            if (slots == 0) {
                return 0;
            }
            List<DeliveryClaim> claims = deliveries.claim(node, slots, settings.lease(), now());
            if (claims.size() == slots) {
                backlog.set(true); // there may be more
            }
            for (DeliveryClaim claim : claims) {
                free.acquireUninterruptibly();
                senders.execute(() -> run(claim, null));
            }
            return claims.size();
        } finally {
            polling.unlock();
        }
    }

    /**
     * Schedules an invoice accepted in the caller's transaction. When a sender of this node is free, the invoice is
     * leased to this node in that same transaction and handed to the sender once it commits: no second transaction
     * to claim it. Otherwise (or outside a transaction) it is scheduled to be taken up by the next poll of any node.
     */
    public void schedule(AcceptedInvoice accepted, OffsetDateTime now) {
        UUID invoiceId = accepted.record().id();
        if (stopping || !settings.enabled() || !TransactionSynchronizationManager.isSynchronizationActive()
                || !free.tryAcquire()) {
            backlog.set(true);
            deliveries.schedule(invoiceId, now);
            return;
        }
        DeliveryClaim claim;
        try {
            claim = deliveries.scheduleLeased(invoiceId, node, settings.lease(), now);
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    free.release();
                    return;
                }
                try {
                    senders.execute(() -> run(claim, accepted));
                } catch (RejectedExecutionException stopped) {
                    // stopping: the lease is handed back when this node stops, or ends
                    free.release();
                }
            }
        });
    }

    /** An invoice became due on this node: send it now rather than at the next poll. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onDue(Deliveries.DeliveryDue due) {
        wakeup.ask();
    }

    /** {@code accepted} is null for an invoice claimed from the database: its sender reads it from there. */
    private void run(DeliveryClaim claim, AcceptedInvoice accepted) {
        try {
            delivery.attempt(claim, node, accepted);
        } catch (RuntimeException e) {
            // the outcome could not be stored; the lease ends and the invoice is taken up again
            log.error("Could not record the outcome of sending invoice {}", claim.invoiceId(), e);
        } finally {
            free.release();
        }
        // a sender is free: take up what waits here; work of other nodes and retries come with the timer's poll
        if (backlog.getAndSet(false)) {
            try {
                poll();
            } catch (RuntimeException e) {
                backlog.set(true);
                log.warn("Could not look for more invoices to send: {}", e.getMessage());
            }
        }
    }

    /**
     * Stops taking work and lets the attempts under way finish (their outcome is recorded). Attempts that do not
     * finish in time are handed back: their leases end now, so another node sends them at once.
     */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        wakeup.close();
        senders.shutdown();
        if (!senders.awaitTermination(settings.responseTimeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
            int handedBack = deliveries.releaseLeasesOf(node, now());
            log.warn("Stopped with {} sends still under way; they are handed back and another node (or this one,"
                    + " restarted) sends them again, with the same AS4 message IDs", handedBack);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
