package org.opengateway.tracking;

import java.util.List;

/** One page of a filtered invoice list; {@code page} counts from 0. */
public record InvoicePage(List<InvoiceRecord> items, int page, int size, long total) {
}
