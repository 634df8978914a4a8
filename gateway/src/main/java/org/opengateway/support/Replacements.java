package org.opengateway.support;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which invoice replaced which (table {@code invoice_replacement}). */
@Repository
public class Replacements {

    private final JdbcClient jdbc;

    public Replacements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID oldInvoice, UUID newInvoice, Actor actor, OffsetDateTime at) {
        jdbc.sql("INSERT INTO invoice_replacement (old_invoice_id, new_invoice_id, replaced_by, replaced_at)"
                        + " VALUES (?, ?, ?, ?)")
                .params(oldInvoice, newInvoice, actor.name(), at)
                .update();
    }

    /** The corrected invoice that replaced this one. */
    public Optional<UUID> replacedBy(UUID invoiceId) {
        return jdbc.sql("SELECT new_invoice_id FROM invoice_replacement WHERE old_invoice_id = ?")
                .param(invoiceId).query(UUID.class).optional();
    }

    /** The invoice this corrected one replaced. */
    public Optional<UUID> replaces(UUID invoiceId) {
        return jdbc.sql("SELECT old_invoice_id FROM invoice_replacement WHERE new_invoice_id = ?")
                .param(invoiceId).query(UUID.class).optional();
    }
}
