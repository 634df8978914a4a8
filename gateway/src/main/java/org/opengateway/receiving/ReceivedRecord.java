package org.opengateway.receiving;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One received document as stored. The fields read from the business document ({@code documentKind} to
 * {@code valid}) are null until the delivery step has read and validated it.
 */
public record ReceivedRecord(
        UUID id,
        UUID companyId,
        String as4MessageId,
        String sbdhInstanceId,
        String sender,
        String receiver,
        String documentType,
        String process,
        String sendingAccessPoint,
        String documentSha256,
        ReceivedStatus status,
        String statusReason,
        String documentKind,
        String invoiceNumber,
        LocalDate issueDate,
        String currency,
        BigDecimal total,
        String customizationId,
        String ruleset,
        Boolean valid,
        String outboxFile,
        OffsetDateTime receivedAt,
        OffsetDateTime updatedAt) {
}
