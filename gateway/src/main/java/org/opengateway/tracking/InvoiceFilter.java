package org.opengateway.tracking;

import java.time.LocalDate;

/**
 * What a list of invoices is narrowed to; null fields do not narrow. {@code from} and {@code to} are receipt dates.
 * {@code invoiceNumber} must match whole; {@code numberStart} is the start of the number (as people search);
 * {@code counterpart} is the receiver's participant ID or a part of its name.
 */
public record InvoiceFilter(InvoiceStatus status, String receiver, String invoiceNumber, LocalDate from, LocalDate to,
        String numberStart, String counterpart, Channel channel) {

    public InvoiceFilter(InvoiceStatus status, String receiver, String invoiceNumber, LocalDate from, LocalDate to) {
        this(status, receiver, invoiceNumber, from, to, null, null, null);
    }
}
