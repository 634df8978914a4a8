package org.opengateway.tracking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The validation findings of a document as rows of a findings table (the sent invoices' and the received ones' have
 * the same columns), and the column conventions both stores share.
 */
public final class FindingRows {

    /** The two findings tables and the column that names their document; never from user input. */
    public enum Table {
        INVOICE("invoice_finding", "invoice_id"),
        RECEIVED("received_finding", "received_id");

        private final String name;
        private final String owner;

        Table(String name, String owner) {
            this.name = name;
            this.owner = owner;
        }
    }

    private FindingRows() {
    }

    /** Stores the findings in order, after any the document has. */
    public static void insert(JdbcClient jdbc, Table table, UUID document, List<Finding> findings) {
        int position = 0;
        for (Finding finding : findings) {
            jdbc.sql("INSERT INTO " + table.name + " (" + table.owner + ", position, rule_id, severity, location,"
                            + " line_number, message) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(document, position++, truncate(finding.rule(), 100), finding.severity().name(),
                            truncate(finding.location(), 2000), finding.line(), truncate(finding.message(), 4000))
                    .update();
        }
    }

    public static List<Finding> read(JdbcClient jdbc, Table table, UUID document) {
        List<Finding> findings = new ArrayList<>();
        jdbc.sql("SELECT rule_id, severity, location, line_number, message FROM " + table.name + " WHERE "
                        + table.owner + " = ? ORDER BY position")
                .param(document)
                .query(rs -> {
                    int line = rs.getInt(4);
                    findings.add(new Finding(rs.getString(1), Severity.valueOf(rs.getString(2)), rs.getString(3),
                            rs.wasNull() ? null : line, rs.getString(5)));
                });
        return findings;
    }

    /** Text cut to fit its column, with an ellipsis that shows it was cut. */
    public static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** 1250.000000 as stored reads back as 1250.00; more decimals are kept when the invoice had them. */
    public static BigDecimal amount(BigDecimal stored) {
        return stored == null ? null : stored.setScale(Math.max(2, stored.stripTrailingZeros().scale()),
                RoundingMode.UNNECESSARY);
    }

    /** A date filter's day as the start of that day in UTC. */
    public static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
