package org.opengateway.intake;

import java.util.List;
import java.util.UUID;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.validation.Finding;

/**
 * The outcome of a submission. {@code duplicate} is true when the company had already sent the same bytes: then
 * this is the first submission's outcome and nothing new was made.
 */
public record IntakeResult(UUID id, InvoiceStatus status, String reason, String invoiceNumber, List<Finding> findings,
        boolean duplicate) {

    public boolean accepted() {
        return status != InvoiceStatus.REJECTED;
    }
}
