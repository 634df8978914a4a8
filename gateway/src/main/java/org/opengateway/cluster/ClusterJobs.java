package org.opengateway.cluster;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides which node of the cluster runs a scheduled job, with a lease per job in the table {@code job_lease}: a
 * node may run the job while it holds the lease, and takes it with one conditional UPDATE (or the first INSERT), so
 * two nodes never hold it at once. The times are the database's, so the nodes' clocks need not agree. The timer routes
 * ask here before each run; every scheduled job that must run once in the cluster goes through this class.
 */
public class ClusterJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String node;
    private final Duration lease;
    /** The continuous jobs this node has held, to hand back when it stops (a cache: the table is the truth). */
    private final Set<String> heldWhileRunning = ConcurrentHashMap.newKeySet();
    /** When this node last renewed each continuous job's lease ({@link System#nanoTime()}); a cache of the table. */
    private final Map<String, Long> renewedAt = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * @param node this node's name
     * @param lease how long a continuous job stays with this node after its last run
     */
    public ClusterJobs(JdbcClient jdbc, TransactionTemplate transactions, String node, Duration lease) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.node = node;
        this.lease = lease;
    }

    /**
     * For a job that runs every {@code periodMillis} (housekeeping, certificate warnings): true on the one node that
     * runs it this period. The lease lasts the period and is kept when the node stops, so a job runs once a period
     * whichever node runs it; when its node is gone, another takes the job over at its next tick after the lease.
     */
    public boolean oncePer(String job, long periodMillis) {
        return take(job, Duration.ofMillis(periodMillis));
    }

    /**
     * For a job that runs all the time on one node (publishing the events in order): true while this node holds it.
     * The lease ({@code gateway.cluster.job-lease}) is renewed when a third of it has passed, so a job asked for often
     * costs no query each time; a node that stops hands it back, and the job of a node that died moves to another node
     * when the lease ends.
     */
    public boolean onOneNode(String job) {
        if (stopping) {
            return false;
        }
        // renewed a moment ago, so the lease in the table lasts at least two thirds of its length more: no need to ask
        Long renewed = renewedAt.get(job);
        if (renewed != null && System.nanoTime() - renewed < lease.toNanos() / 3) {
            return true;
        }
        long asked = System.nanoTime();
        boolean held = take(job, lease);
        if (held) {
            renewedAt.put(job, asked);
            if (heldWhileRunning.add(job)) {
                log.info("This node ({}) now runs the job '{}' for the cluster", node, job);
            }
        } else {
            renewedAt.remove(job);
            heldWhileRunning.remove(job);
        }
        return held;
    }

    /**
     * Runs {@code work} on one node at a time, for setup that nodes starting together on an empty database must not
     * both do (the demo companies): in one transaction that holds the job's row locked ({@code FOR UPDATE}), so that
     * a second node waits until the first has committed, and then sees what the first made.
     */
    public void oneAtATime(String job, Runnable work) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO job_lease (name, holder, until) VALUES (?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING")
                    .params(job, node)
                    .update();
            jdbc.sql("SELECT holder FROM job_lease WHERE name = ? FOR UPDATE").param(job).query(String.class).single();
            work.run();
        });
    }

    /** Takes or renews the lease of the job until {@code length} from now; false when another node holds it. */
    boolean take(String job, Duration length) {
        OffsetDateTime now = jdbc.sql("SELECT CURRENT_TIMESTAMP").query(OffsetDateTime.class).single();
        OffsetDateTime until = now.plus(length);
        int taken = jdbc.sql("UPDATE job_lease SET holder = ?, until = ? WHERE name = ? AND (holder = ? OR until <= ?)")
                .params(node, until, job, node, now)
                .update();
        if (taken == 0) {
            taken = jdbc.sql("INSERT INTO job_lease (name, holder, until) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(job, node, until)
                    .update();
        }
        return taken == 1;
    }

    /** The node that holds the job's lease now, if any. */
    public Optional<String> holder(String job) {
        return jdbc.sql("SELECT holder FROM job_lease WHERE name = ? AND until > CURRENT_TIMESTAMP")
                .param(job).query(String.class).optional();
    }

    /** Hands back the continuous jobs this node holds, so that another node takes them at once. */
    public void handBack() {
        stopping = true;
        renewedAt.clear();
        for (String job : heldWhileRunning) {
            jdbc.sql("UPDATE job_lease SET until = CURRENT_TIMESTAMP WHERE name = ? AND holder = ?")
                    .params(job, node)
                    .update();
        }
        heldWhileRunning.clear();
    }

    @Override
    public void destroy() {
        try {
            handBack();
        } catch (DataAccessException e) {
            log.warn("Could not hand back the jobs this node ran ({}); another node takes them when their lease ends",
                    e.getMessage());
        }
    }
}
