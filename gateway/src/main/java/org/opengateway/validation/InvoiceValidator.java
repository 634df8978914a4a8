package org.opengateway.validation;

import org.opengateway.document.InvoiceDocument;

/** The single seam through which intake asks for a verdict; the rule engine behind it may change. */
public interface InvoiceValidator {
    ValidationReport validate(InvoiceDocument document);
}
