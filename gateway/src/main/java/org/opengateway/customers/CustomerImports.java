package org.opengateway.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploaded customer registers and their progress. Any node may take an import up: it is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and held under a lease, and each batch of rows is stored with the progress in one
 * transaction, so a node that dies leaves the import where its last batch ended for another node to go on.
 */
@Repository
public class CustomerImports {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public record Counts(int peppol, int email, int unknown, int invalid) {
    }

    /** Where an import stands. {@code totalRows} is known once a node has read the file. */
    public record Progress(UUID id, String fileName, FileKind kind, Status status, String detail, Integer totalRows,
            int rowsDone, Counts counts, OffsetDateTime createdAt, OffsetDateTime finishedAt) {
    }

    /** One line of the report. */
    public record ReportRow(int line, Reachability outcome, String name, String orgNumber, String country,
            String participant, String reason) {
    }

    /** An import a node holds: the file and how far it got. */
    record Claim(UUID id, UUID companyId, FileKind kind, byte[] content, int rowsDone) {
    }

    private final JdbcClient jdbc;
    private final CustomerRegister register;

    private static final String PROGRESS = "SELECT id, file_name, file_kind, status, detail, total_rows, rows_done,"
            + " peppol_rows, email_rows, unknown_rows, invalid_rows, created_at, finished_at FROM customer_import";

    public CustomerImports(JdbcClient jdbc, CustomerRegister register) {
        this.jdbc = jdbc;
        this.register = register;
    }

    public UUID create(UUID companyId, String fileName, FileKind kind, byte[] content) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO customer_import (id, company_id, file_name, file_kind, content, status, rows_done,"
                        + " peppol_rows, email_rows, unknown_rows, invalid_rows, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'QUEUED', 0, 0, 0, 0, 0, ?)")
                .params(id, companyId, fileName, kind.name(), content, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return id;
    }

    public Optional<Progress> progress(UUID companyId, UUID id) {
        return jdbc.sql(PROGRESS + " WHERE id = ? AND company_id = ?")
                .params(id, companyId)
                .query(CustomerImports::progressRow)
                .optional();
    }

    /** The company's imports, newest first, at most {@code limit}. */
    public List<Progress> recent(UUID companyId, int limit) {
        return jdbc.sql(PROGRESS + " WHERE company_id = ? ORDER BY created_at DESC FETCH FIRST " + limit + " ROWS ONLY")
                .param(companyId)
                .query(CustomerImports::progressRow)
                .list();
    }

    private static Progress progressRow(ResultSet rs, int n) throws SQLException {
        return new Progress(rs.getObject("id", UUID.class), rs.getString("file_name"),
                FileKind.valueOf(rs.getString("file_kind")), Status.valueOf(rs.getString("status")),
                rs.getString("detail"), (Integer) rs.getObject("total_rows"), rs.getInt("rows_done"),
                new Counts(rs.getInt("peppol_rows"), rs.getInt("email_rows"), rs.getInt("unknown_rows"),
                        rs.getInt("invalid_rows")),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }

    /** The rows done so far, by line; empty when the company has no such import. */
    public Optional<List<ReportRow>> report(UUID companyId, UUID id) {
        if (progress(companyId, id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT line, outcome, name, org_number, country, participant, reason"
                        + " FROM customer_import_row WHERE import_id = ? ORDER BY line")
                .param(id)
                .query((rs, n) -> new ReportRow(rs.getInt("line"), Reachability.valueOf(rs.getString("outcome")),
                        rs.getString("name"), rs.getString("org_number"), rs.getString("country"),
                        rs.getString("participant"), rs.getString("reason")))
                .list());
    }

    /** Takes the oldest waiting import, or one whose node's lease ran out. */
    @Transactional
    public Optional<Claim> claim(String node, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Claim> claim = jdbc.sql("SELECT id, company_id, file_kind, content, rows_done FROM customer_import"
                        + " WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < ?)"
                        + " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .param(now)
                .query((rs, n) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
                        FileKind.valueOf(rs.getString("file_kind")), rs.getBytes("content"), rs.getInt("rows_done")))
                .optional();
        claim.ifPresent(held -> jdbc.sql("UPDATE customer_import SET status = 'RUNNING', claimed_by = ?,"
                        + " lease_until = ? WHERE id = ?")
                .params(node, now.plus(lease), held.id()).update());
        return claim;
    }

    /**
     * Stores a batch of rows, their customers and the progress, and extends the lease; false when the node no longer
     * holds the import (its lease ran out and another node took it), and then nothing is stored.
     */
    @Transactional
    public boolean saveBatch(Claim claim, String node, Duration lease, int totalRows, List<CustomerCheck.Outcome> outcomes) {
        int[] counts = new int[Reachability.values().length];
        outcomes.forEach(outcome -> counts[outcome.reachability().ordinal()]++);
        int held = jdbc.sql("UPDATE customer_import SET total_rows = ?, rows_done = rows_done + ?,"
                        + " peppol_rows = peppol_rows + ?, email_rows = email_rows + ?, unknown_rows = unknown_rows + ?,"
                        + " invalid_rows = invalid_rows + ?, lease_until = ? WHERE id = ? AND claimed_by = ?"
                        + " AND status = 'RUNNING'")
                .params(totalRows, outcomes.size(), counts[Reachability.PEPPOL.ordinal()],
                        counts[Reachability.EMAIL.ordinal()], counts[Reachability.UNKNOWN.ordinal()],
                        counts[Reachability.INVALID.ordinal()], OffsetDateTime.now(ZoneOffset.UTC).plus(lease),
                        claim.id(), node)
                .update();
        if (held == 0) {
            return false;
        }
        for (CustomerCheck.Outcome outcome : outcomes) {
            CustomerRow row = outcome.row();
            jdbc.sql("INSERT INTO customer_import_row (import_id, line, outcome, name, org_number, country,"
                            + " participant, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(claim.id(), row.line(), outcome.reachability().name(), cut(row.name(), 300),
                            cut(row.orgNumber(), 64), cut(row.country(), 8), outcome.participant(),
                            cut(outcome.reason(), 2000))
                    .update();
            if (outcome.reachability() != Reachability.INVALID) {
                register.save(claim.companyId(), outcome);
            }
        }
        return true;
    }

    public void finish(UUID id, String node, Status status, String detail) {
        jdbc.sql("UPDATE customer_import SET status = ?, detail = ?, finished_at = ?, lease_until = NULL"
                        + " WHERE id = ? AND claimed_by = ?")
                .params(status.name(), cut(detail, 2000), OffsetDateTime.now(ZoneOffset.UTC), id, node)
                .update();
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
