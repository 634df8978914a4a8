package org.opengateway.tracking;

import java.util.List;
import org.opengateway.validation.Finding;

/** An invoice with its history and its validation findings. */
public record InvoiceDetails(InvoiceRecord invoice, List<InvoiceEvent> history, List<Finding> findings) {
}
