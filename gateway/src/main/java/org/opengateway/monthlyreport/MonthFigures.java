package org.opengateway.monthlyreport;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * What a company's monthly report says: counts of the invoices sent and received in the month (by the time they came
 * in, UTC), and the rejected ones with their reasons.
 */
public record MonthFigures(String companyName, YearMonth month, Map<String, Long> sentByStatus,
        Map<String, Long> sentByChannel, Map<String, Long> receivedByStatus, List<Rejected> rejected) {

    public long sent() {
        return sentByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long received() {
        return receivedByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public record Rejected(String invoiceNumber, OffsetDateTime receivedAt, String receiver, String status,
            String reason) {
    }
}
