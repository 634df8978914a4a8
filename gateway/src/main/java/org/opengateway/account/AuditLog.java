package org.opengateway.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one place that writes the audit trail (table {@code audit}): who did what, when, and for which company.
 * Every API request of support staff is recorded here; other features record what they want to keep the same way.
 */
@Component
public class AuditLog {

    private static final int MAX_ACTION = 2000;

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code company} may be null when the action concerns no one company. */
    public void record(User actor, String action, UUID company) {
        jdbc.sql("INSERT INTO audit (at, actor_id, actor, action, company_id) VALUES (?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), actor.id(), actor.email(),
                        action.length() > MAX_ACTION ? action.substring(0, MAX_ACTION) : action, company)
                .update();
    }
}
