package org.opengateway.validation;

import java.util.List;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.XmlRefusal;

/**
 * Reads and validates submitted bytes in one step, as intake, the validate API and the command line all do. A document
 * that cannot be read at all gets one finding that says why.
 */
public class DocumentValidation {

    /** The verdict, and the document when it could be read. */
    public record Checked(InvoiceDocument document, ValidationReport report) {
    }

    private final DocumentReader reader;
    private final InvoiceValidator validator;

    public DocumentValidation(DocumentReader reader, InvoiceValidator validator) {
        this.reader = reader;
        this.validator = validator;
    }

    public Checked check(byte[] bytes, boolean allLayers) {
        InvoiceDocument document;
        try {
            document = reader.read(bytes);
        } catch (XmlRefusal refusal) {
            return new Checked(null, new ValidationReport(null,
                    List.of(new Finding(refusal.rule(), Severity.FATAL, null, refusal.line(), refusal.getMessage()))));
        }
        return new Checked(document, validator.validate(document, allLayers));
    }
}
