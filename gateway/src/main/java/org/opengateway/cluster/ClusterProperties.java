package org.opengateway.cluster;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Several gateway nodes on one database.
 *
 * @param sharedDir the folder every node sees at the same path, holding {@code inbox/}, {@code archive/},
 *        {@code rejected/} and {@code outbox/}; empty: the node's own data folder (one node)
 * @param jobLease how long a node keeps a continuous job (publishing events) after its last run; when the node dies,
 *        another takes the job over after this
 * @param inboxClaimTimeout a claim on an inbox file older than this is dropped by housekeeping: the node that made it
 *        died and has not come back, and the file is taken again (the same bytes make no second invoice)
 */
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(
        Path sharedDir,
        @DefaultValue("15s") Duration jobLease,
        @DefaultValue("10m") Duration inboxClaimTimeout) {
}
