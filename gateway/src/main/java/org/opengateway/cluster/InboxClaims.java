package org.opengateway.cluster;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claims of nodes on the files of a shared inbox (table {@code inbox_claim}), as the idempotent repository of the
 * intake route's read lock ({@code readLock=idempotent-changed}): the node whose INSERT of a file's path succeeds takes
 * the file, the others skip it. A node removes its claim a little after the file has left the inbox; the claims of a
 * node that died are removed when it starts again, or by housekeeping once they are older than
 * {@code gateway.cluster.inbox-claim-timeout}.
 */
public class InboxClaims {

    private static final Logger log = LoggerFactory.getLogger(InboxClaims.class);

    private final JdbcClient jdbc;
    private final String node;
    private final JdbcMessageIdRepository repository;

    /** Makes the repository for this node ({@code node} its name) and drops the claims it held before a restart. */
    public InboxClaims(DataSource dataSource, TransactionTemplate transactions, JdbcClient jdbc, String node) {
        this.jdbc = jdbc;
        this.node = node;
        // Camel passes (processor name, file path[, time]); the processor name is this node, so a node sees and
        // removes its own claims only, and the INSERT that finds another node's row adds nothing (the file is skipped)
        this.repository = new JdbcMessageIdRepository(dataSource, transactions, this.node);
        repository.setCreateTableIfNotExists(false);
        repository.setTableExistsString("SELECT 1 FROM inbox_claim WHERE 1 = 0");
        repository.setQueryString("SELECT COUNT(*) FROM inbox_claim WHERE node = ? AND file = ?");
        repository.setInsertString("INSERT INTO inbox_claim (node, file, claimed_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING");
        repository.setDeleteString("DELETE FROM inbox_claim WHERE node = ? AND file = ?");
        repository.setClearString("DELETE FROM inbox_claim WHERE node = ?");
        int released = jdbc.sql("DELETE FROM inbox_claim WHERE node = ?").param(this.node).update();
        if (released > 0) {
            log.info("This node held {} inbox files when it stopped; they are taken again now", released);
        }
    }

    /** What the intake route's read lock uses. */
    public JdbcMessageIdRepository repository() {
        return repository;
    }

    /** Drops claims older than {@code age}: their node died and has not come back. Safe on several nodes at once. */
    public int forgetOlderThan(Duration age) {
        // claimed_at is written by the claiming node's clock (Camel's), so it is compared with a node's clock too
        return jdbc.sql("DELETE FROM inbox_claim WHERE claimed_at < ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minus(age))
                .update();
    }
}
