package org.opengateway.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opengateway.tracking.FindingRows;
import org.opengateway.tracking.InvoiceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The flow of one company's invoices over the last days, counted in the database: what the overview page draws. */
@Repository
public class FlowOverview {

    private final JdbcClient jdbc;

    public FlowOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Invoices sent and received on one day (UTC). */
    public record Day(LocalDate date, long sent, long received) {
    }

    /**
     * {@code days} from the first to today; of the invoices sent in them, how many were delivered, are still on their
     * way, were rejected, or could not be delivered; and how many undelivered ones wait for a fix today, of any date.
     */
    public record Flow(LocalDate from, LocalDate to, List<Day> days, long sent, long delivered, long underway,
            long undelivered, long rejected, long undeliveredWaiting) {
    }

    public Flow of(UUID companyId, int dayCount) {
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(dayCount - 1L);
        Map<LocalDate, Long> sent = perDay("invoice", companyId, from);
        Map<LocalDate, Long> received = perDay("received_document", companyId, from);
        List<Day> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(new Day(day, sent.getOrDefault(day, 0L), received.getOrDefault(day, 0L)));
        }
        Map<InvoiceStatus, Long> states = new HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM invoice WHERE company_id = ? AND received_at >= ? GROUP BY status")
                .params(companyId, FindingRows.startOf(from))
                .query((rs, n) -> states.put(InvoiceStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        long total = states.values().stream().mapToLong(Long::longValue).sum();
        long delivered = states.getOrDefault(InvoiceStatus.DELIVERED, 0L);
        long undelivered = states.getOrDefault(InvoiceStatus.UNDELIVERED, 0L);
        long rejected = states.getOrDefault(InvoiceStatus.REJECTED, 0L);
        long waiting = jdbc.sql("SELECT COUNT(*) FROM invoice WHERE company_id = ? AND status = ?")
                .params(companyId, InvoiceStatus.UNDELIVERED.name()).query(Long.class).single();
        return new Flow(from, to, days, total, delivered, total - delivered - undelivered - rejected, undelivered,
                rejected, waiting);
    }

    /** Table names come from this class only. */
    private Map<LocalDate, Long> perDay(String table, UUID companyId, LocalDate from) {
        Map<LocalDate, Long> counts = new HashMap<>();
        jdbc.sql("SELECT CAST(received_at AS DATE), COUNT(*) FROM " + table + " WHERE company_id = ? AND received_at >= ?"
                        + " GROUP BY CAST(received_at AS DATE)")
                .params(companyId, FindingRows.startOf(from))
                .query((rs, n) -> counts.put(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                .list();
        return counts;
    }
}
