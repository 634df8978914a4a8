package org.opengateway.validation;

import org.opengateway.document.InvoiceDocument;

/** The single seam through which the gateway asks for a verdict; the rule engine behind it may change. */
public interface InvoiceValidator {

    /** With {@code allLayers}, every layer runs even when an earlier one failed. */
    ValidationReport validate(InvoiceDocument document, boolean allLayers);

    default ValidationReport validate(InvoiceDocument document) {
        return validate(document, false);
    }
}
