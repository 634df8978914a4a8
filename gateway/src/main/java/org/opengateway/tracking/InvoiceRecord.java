package org.opengateway.tracking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The tracked record of one invoice: where it came from, what it is, and where it stands. {@code counterpartName} is
 * the name of the party the invoice is for, as the document gives it (null when it names none).
 */
public record InvoiceRecord(
        UUID id,
        UUID companyId,
        Channel channel,
        String sourceName,
        InvoiceStatus status,
        String statusReason,
        String documentSha256,
        long documentSize,
        String documentType,
        String invoiceNumber,
        LocalDate issueDate,
        String currency,
        BigDecimal total,
        String senderParticipant,
        String receiverParticipant,
        String customizationId,
        String profileId,
        String ruleset,
        OffsetDateTime receivedAt,
        OffsetDateTime updatedAt,
        String counterpartName) {

    /** An invoice whose document names no counterpart (or was not read). */
    public InvoiceRecord(UUID id, UUID companyId, Channel channel, String sourceName, InvoiceStatus status,
            String statusReason, String documentSha256, long documentSize, String documentType, String invoiceNumber,
            LocalDate issueDate, String currency, BigDecimal total, String senderParticipant, String receiverParticipant,
            String customizationId, String profileId, String ruleset, OffsetDateTime receivedAt,
            OffsetDateTime updatedAt) {
        this(id, companyId, channel, sourceName, status, statusReason, documentSha256, documentSize, documentType,
                invoiceNumber, issueDate, currency, total, senderParticipant, receiverParticipant, customizationId,
                profileId, ruleset, receivedAt, updatedAt, null);
    }
}
