package org.opengateway.receiving;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One received document as stored. The fields read from the business document ({@code documentKind} to
 * {@code valid}, and {@code counterpartName}, the sender's name) are null until the delivery step has read and
 * validated it.
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
        OffsetDateTime updatedAt,
        String counterpartName) {

    /** A document whose sender's name is not known (yet). */
    public ReceivedRecord(UUID id, UUID companyId, String as4MessageId, String sbdhInstanceId, String sender,
            String receiver, String documentType, String process, String sendingAccessPoint, String documentSha256,
            ReceivedStatus status, String statusReason, String documentKind, String invoiceNumber, LocalDate issueDate,
            String currency, BigDecimal total, String customizationId, String ruleset, Boolean valid, String outboxFile,
            OffsetDateTime receivedAt, OffsetDateTime updatedAt) {
        this(id, companyId, as4MessageId, sbdhInstanceId, sender, receiver, documentType, process, sendingAccessPoint,
                documentSha256, status, statusReason, documentKind, invoiceNumber, issueDate, currency, total,
                customizationId, ruleset, valid, outboxFile, receivedAt, updatedAt, null);
    }
}
