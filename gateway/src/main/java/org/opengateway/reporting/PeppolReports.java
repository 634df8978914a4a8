package org.opengateway.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.tracking.FindingRows;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly reports and where each stands. One row per month and kind (the primary key), so however many nodes run
 * the monthly job, each report is made once; work on a row is claimed with {@code FOR UPDATE SKIP LOCKED}, and a send
 * is held under a lease so that a node that dies mid-send leaves the report to another.
 */
@Repository
public class PeppolReports {

    private static final String COLUMNS = "report_month, kind, status, status_reason, findings, attempts, due_at,"
            + " built_at, sent_at, receiving_ap, receipt_message_id, sbdh_instance_id, as4_message_id";

    private final JdbcClient jdbc;

    public PeppolReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A report claimed for sending: its content, the identifiers every attempt reuses, and the attempt number. */
    public record SendClaim(YearMonth month, ReportKind kind, byte[] content, String sbdhInstanceId,
            String as4MessageId, int attempt) {
    }

    /** Makes sure both reports of the month exist (PENDING if new). Safe on several nodes at once. */
    public void ensure(YearMonth month, OffsetDateTime now) {
        for (ReportKind kind : ReportKind.values()) {
            if (find(month, kind).isPresent()) {
                continue;
            }
            try {
                jdbc.sql("INSERT INTO peppol_report (report_month, kind, status, sbdh_instance_id, as4_message_id,"
                                + " attempts, due_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)")
                        .params(month.toString(), kind.name(), ReportStatus.PENDING.name(), newId(), newMessageId(),
                                now, now, now)
                        .update();
            } catch (DuplicateKeyException anotherNodeFirst) {
                // made by another node a moment ago
            }
        }
    }

    /** Within a transaction: the next report due to be built, locked until the transaction ends. */
    public Optional<ReportKey> claimToBuild(OffsetDateTime now) {
        return jdbc.sql("SELECT report_month, kind FROM peppol_report WHERE status = ? AND due_at <= ?"
                        + " ORDER BY due_at FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                .params(ReportStatus.PENDING.name(), now)
                .query((rs, n) -> new ReportKey(YearMonth.parse(rs.getString(1)), ReportKind.valueOf(rs.getString(2))))
                .optional();
    }

    /** The month and kind that name a report. */
    public record ReportKey(YearMonth month, ReportKind kind) {
    }

    /** Stores the built report: BUILT and due to be sent when the rules found nothing fatal, INVALID otherwise. */
    public void built(ReportKey key, byte[] content, List<String> fatalFindings, OffsetDateTime now) {
        boolean valid = fatalFindings.isEmpty();
        jdbc.sql("UPDATE peppol_report SET status = ?, status_reason = ?, findings = ?, content = ?, built_at = ?,"
                        + " due_at = ?, updated_at = ? WHERE report_month = ? AND kind = ?")
                .params((valid ? ReportStatus.BUILT : ReportStatus.INVALID).name(), valid
                                ? "Built and valid under the official Peppol rules; waiting to be sent."
                                : "Built, but the official Peppol rules found " + fatalFindings.size() + " errors, so it"
                                        + " is not sent. See the findings; once the cause is fixed, re-run the month.",
                        valid ? null : FindingRows.truncate(String.join("\n", fatalFindings), 100000), content, now,
                        now, now, key.month().toString(), key.kind().name())
                .update();
    }

    /**
     * Claims the next report due to be sent (built, failed before, or left in flight by a node whose lease ended):
     * marks it SENDING under a lease and counts the attempt. Commits before the send starts.
     */
    @Transactional
    public Optional<SendClaim> claimToSend(OffsetDateTime now, Duration lease) {
        Optional<SendClaim> claim = jdbc.sql("SELECT report_month, kind, content, sbdh_instance_id, as4_message_id,"
                        + " attempts FROM peppol_report WHERE status IN (?, ?, ?) AND due_at <= ?"
                        + " ORDER BY due_at FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                .params(ReportStatus.BUILT.name(), ReportStatus.FAILED.name(), ReportStatus.SENDING.name(), now)
                .query((rs, n) -> new SendClaim(YearMonth.parse(rs.getString(1)), ReportKind.valueOf(rs.getString(2)),
                        rs.getBytes(3), rs.getString(4), rs.getString(5), rs.getInt(6) + 1))
                .optional();
        claim.ifPresent(c -> jdbc.sql("UPDATE peppol_report SET status = ?, attempts = ?, due_at = ?, updated_at = ?"
                        + " WHERE report_month = ? AND kind = ?")
                .params(ReportStatus.SENDING.name(), c.attempt(), now.plus(lease), now, c.month().toString(),
                        c.kind().name())
                .update());
        return claim;
    }

    /** Records a delivered report, unless another node took the attempt over meanwhile. */
    public boolean sent(SendClaim claim, String receivingAccessPoint, String receiptMessageId, String reason,
            OffsetDateTime now) {
        return jdbc.sql("UPDATE peppol_report SET status = ?, status_reason = ?, sent_at = ?, receiving_ap = ?,"
                        + " receipt_message_id = ?, due_at = ?, updated_at = ?"
                        + " WHERE report_month = ? AND kind = ? AND status = ? AND attempts = ?")
                .params(ReportStatus.SENT.name(), FindingRows.truncate(reason, 4000), now, receivingAccessPoint,
                        receiptMessageId, now, now, claim.month().toString(), claim.kind().name(),
                        ReportStatus.SENDING.name(), claim.attempt())
                .update() == 1;
    }

    /** Records a failed attempt and when the next one is due. */
    public boolean failed(SendClaim claim, String reason, OffsetDateTime next, OffsetDateTime now) {
        return jdbc.sql("UPDATE peppol_report SET status = ?, status_reason = ?, due_at = ?, updated_at = ?"
                        + " WHERE report_month = ? AND kind = ? AND status = ? AND attempts = ?")
                .params(ReportStatus.FAILED.name(), FindingRows.truncate(reason, 4000), next, now,
                        claim.month().toString(), claim.kind().name(), ReportStatus.SENDING.name(), claim.attempt())
                .update() == 1;
    }

    /**
     * Makes both reports of the month to be built again, with new message identifiers (a new report replaces the one
     * sent before). A report being sent right now is left alone; answers which were reset. The rows must exist
     * ({@link #ensure}).
     */
    @Transactional
    public List<ReportKind> rerun(YearMonth month, OffsetDateTime now) {
        return java.util.Arrays.stream(ReportKind.values()).filter(kind -> jdbc.sql("UPDATE peppol_report SET"
                                + " status = ?, status_reason = ?, findings = NULL, content = NULL, built_at = NULL,"
                                + " sent_at = NULL, receiving_ap = NULL, receipt_message_id = NULL, attempts = 0,"
                                + " sbdh_instance_id = ?, as4_message_id = ?, due_at = ?, updated_at = ?"
                                + " WHERE report_month = ? AND kind = ? AND NOT (status = ? AND due_at > ?)")
                        .params(ReportStatus.PENDING.name(), "An operator asked for a re-run.", newId(), newMessageId(),
                                now, now, month.toString(), kind.name(), ReportStatus.SENDING.name(), now)
                        .update() == 1)
                .toList();
    }

    /** Every report, newest month first. */
    public List<PeppolReport> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM peppol_report ORDER BY report_month DESC, kind DESC")
                .query(PeppolReports::report)
                .list();
    }

    public Optional<PeppolReport> find(YearMonth month, ReportKind kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM peppol_report WHERE report_month = ? AND kind = ?")
                .params(month.toString(), kind.name())
                .query(PeppolReports::report)
                .optional();
    }

    /** The report as built (null before it is built). */
    public Optional<byte[]> content(YearMonth month, ReportKind kind) {
        return jdbc.sql("SELECT content FROM peppol_report WHERE report_month = ? AND kind = ? AND content IS NOT NULL")
                .params(month.toString(), kind.name())
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    private static PeppolReport report(ResultSet rs, int row) throws SQLException {
        ReportStatus status = ReportStatus.valueOf(rs.getString("status"));
        String findings = rs.getString("findings");
        boolean waiting = status == ReportStatus.PENDING || status == ReportStatus.BUILT
                || status == ReportStatus.FAILED;
        return new PeppolReport(YearMonth.parse(rs.getString("report_month")), ReportKind.valueOf(rs.getString("kind")),
                status, rs.getString("status_reason"), findings == null ? List.of() : List.of(findings.split("\n")),
                rs.getInt("attempts"), waiting ? rs.getObject("due_at", OffsetDateTime.class) : null,
                rs.getObject("built_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
                rs.getString("receiving_ap"), rs.getString("receipt_message_id"), rs.getString("sbdh_instance_id"),
                rs.getString("as4_message_id"));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String newMessageId() {
        return UUID.randomUUID() + "@gateway";
    }
}
