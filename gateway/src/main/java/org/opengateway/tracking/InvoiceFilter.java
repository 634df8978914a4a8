package org.opengateway.tracking;

import java.time.LocalDate;

/** What a list of invoices is narrowed to; null fields do not narrow. {@code from} and {@code to} are receipt dates. */
public record InvoiceFilter(InvoiceStatus status, String receiver, String invoiceNumber, LocalDate from, LocalDate to) {
}
