package org.opengateway.tracking;

import java.time.OffsetDateTime;

/** One entry of an invoice's history: the state it moved to, why, and when. */
public record InvoiceEvent(InvoiceStatus status, String reason, OffsetDateTime at) {
}
