package org.opengateway.monthlyreport;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opengateway.company.Company;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts a company's invoices of a month for its report. */
@Repository
public class MonthlyFigures {

    private final JdbcClient jdbc;

    public MonthlyFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MonthFigures of(Company company, YearMonth month) {
        OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        UUID id = company.id();
        List<MonthFigures.Rejected> rejected = jdbc.sql("SELECT invoice_number, received_at, receiver_participant,"
                        + " status, status_reason FROM invoice WHERE company_id = ? AND received_at >= ?"
                        + " AND received_at < ? AND status LIKE 'REJECTED%' ORDER BY received_at")
                .params(id, from, to)
                .query((rs, n) -> new MonthFigures.Rejected(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        return new MonthFigures(company.name(), month, count("invoice", "status", id, from, to),
                count("invoice", "channel", id, from, to), count("received_document", "status", id, from, to),
                rejected);
    }

    private Map<String, Long> count(String table, String column, UUID company, OffsetDateTime from,
            OffsetDateTime to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT " + column + ", COUNT(*) FROM " + table + " WHERE company_id = ? AND received_at >= ?"
                        + " AND received_at < ? GROUP BY " + column + " ORDER BY " + column)
                .params(company, from, to)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
