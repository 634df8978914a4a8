package org.opengateway.delivery;

import org.opengateway.document.InvoiceDocument;
import org.opengateway.tracking.InvoiceRecord;

/**
 * What the node that accepted an invoice already holds in memory: its record, its original bytes and the document read
 * from them. Handed to that node's sender with the lease, so that the first attempt need not read them back from the
 * database and parse the document again. Everything here is in the database too; a sender of another node, and every
 * later attempt, reads it from there.
 */
public record AcceptedInvoice(InvoiceRecord record, byte[] original, InvoiceDocument document) {
}
