package org.opengateway.support;

import java.util.List;
import java.util.UUID;
import org.opengateway.validation.Finding;

/**
 * Why an invoice was not delivered and what can be done, as {@code GET .../invoices/{id}/diagnosis} answers it.
 *
 * @param reason one of {@link NotDeliveredReason}, or null when the invoice is not stuck (waiting, sending, delivered,
 *     cancelled, replaced)
 * @param explanation the reason and what to do, in plain words in the caller's language
 * @param detail the status reason as recorded (English, with the technical detail)
 * @param fixes the fixes allowed now, each with the call that applies it
 * @param findings the validation findings of an invoice rejected by our validation
 */
public record Diagnosis(UUID invoiceId, String invoiceNumber, String status, String reason, String explanation,
        String detail, String receiver, List<FixView> fixes, List<FindingView> findings, UUID replaces,
        UUID replacedBy) {

    public record FixView(Fix fix, String label, String method, String path) {
    }

    public record FindingView(String rule, String severity, Integer line, String message) {
        static FindingView of(Finding finding) {
            return new FindingView(finding.rule(), finding.severity().label(), finding.line(), finding.message());
        }
    }
}
