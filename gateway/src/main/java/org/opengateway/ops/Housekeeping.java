package org.opengateway.ops;

import java.time.Duration;
import org.opengateway.account.LoginThrottle;
import org.opengateway.account.PasswordResets;
import org.opengateway.account.Sessions;
import org.opengateway.api.IdempotencyKeys;
import org.opengateway.cluster.ClusterProperties;
import org.opengateway.cluster.InboxClaims;
import org.opengateway.config.GatewayProperties;
import org.opengateway.transport.as4.Phase4Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Periodic clean-ups. One node of the cluster runs them each hour (the route asks {@code ClusterJobs}); each is a plain
 * statement all the same, harmless should two nodes run it.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final IdempotencyKeys idempotencyKeys;
    private final GatewayProperties properties;
    private final Phase4Runtime phase4;
    private final InboxClaims inboxClaims;
    private final ClusterProperties cluster;
    private final Sessions sessions;
    private final LoginThrottle loginThrottle;
    private final PasswordResets passwordResets;

    public Housekeeping(IdempotencyKeys idempotencyKeys, GatewayProperties properties, Phase4Runtime phase4,
            InboxClaims inboxClaims, ClusterProperties cluster, Sessions sessions, LoginThrottle loginThrottle,
            PasswordResets passwordResets) {
        this.idempotencyKeys = idempotencyKeys;
        this.properties = properties;
        this.phase4 = phase4;
        this.inboxClaims = inboxClaims;
        this.cluster = cluster;
        this.sessions = sessions;
        this.loginThrottle = loginThrottle;
        this.passwordResets = passwordResets;
    }

    public void run() {
        int forgotten = idempotencyKeys.forgetOlderThan(properties.intake().idempotencyKeyRetention());
        if (forgotten > 0) {
            log.info("Forgot {} Idempotency-Keys older than {}", forgotten, properties.intake().idempotencyKeyRetention());
        }
        Duration retention = properties.receiving().messageIdRetention();
        int messageIds = phase4.forgetMessageIdsOlderThan(retention);
        if (messageIds > 0) {
            log.info("Forgot {} AS4 message IDs first seen more than {} ago", messageIds, retention);
        }
        int claims = inboxClaims.forgetOlderThan(cluster.inboxClaimTimeout());
        if (claims > 0) {
            log.warn("Dropped {} claims on inbox files older than {}: the node that made them stopped and has not"
                    + " come back; the files are taken again", claims, cluster.inboxClaimTimeout());
        }
        sessions.forgetIdle();
        loginThrottle.forgetOld();
        passwordResets.forgetExpired();
    }
}
