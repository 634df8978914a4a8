package org.opengateway.reporting;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

/**
 * One month's report of one kind, as stored (without its content).
 *
 * @param findings the official rules' findings when it is INVALID, one a line
 * @param nextAttemptAt when it is built or sent next, while that is still to happen
 */
public record PeppolReport(YearMonth month, ReportKind kind, ReportStatus status, String statusReason,
        List<String> findings, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime builtAt,
        OffsetDateTime sentAt, String receivingAccessPoint, String receiptMessageId, String sbdhInstanceId,
        String as4MessageId) {
}
