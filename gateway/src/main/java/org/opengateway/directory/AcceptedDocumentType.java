package org.opengateway.directory;

import java.util.List;
import org.opengateway.document.ParticipantId;

/**
 * One document type a participant of ours receives, in one process: a row of our SMP, and what AS4 receiving lets
 * through. The schemes are Peppol's ({@code busdox-docid-qns}, {@code cenbii-procid-ubl}).
 */
public record AcceptedDocumentType(ParticipantId participant, String documentTypeScheme, String documentType,
        String processScheme, String process) {

    public static final String DOCUMENT_TYPE_SCHEME = "busdox-docid-qns";
    public static final String PROCESS_SCHEME = "cenbii-procid-ubl";
    public static final String BILLING_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String BILLING_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    public AcceptedDocumentType {
        documentTypeScheme = documentTypeScheme.trim();
        documentType = documentType.trim();
        processScheme = processScheme.trim();
        process = process.trim();
    }

    /** A document type of the usual schemes: document type and process given as values, without scheme. */
    public static AcceptedDocumentType of(ParticipantId participant, String documentType, String process) {
        return new AcceptedDocumentType(participant, DOCUMENT_TYPE_SCHEME, documentType, PROCESS_SCHEME, process);
    }

    /** What every participant receives unless told otherwise: Peppol BIS Billing 3.0 invoices and credit notes. */
    public static List<AcceptedDocumentType> billingDefaults(ParticipantId participant) {
        return List.of(of(participant, BILLING_INVOICE, BILLING_PROCESS),
                of(participant, BILLING_CREDIT_NOTE, BILLING_PROCESS));
    }

    /** Drops a leading {@code busdox-docid-qns::}, so callers may pass a document type ID with or without its scheme. */
    static String documentTypeValue(String documentTypeId) {
        return withoutScheme(documentTypeId, DOCUMENT_TYPE_SCHEME);
    }

    /** Drops a leading {@code cenbii-procid-ubl::}, so callers may pass a process ID with or without its scheme. */
    static String processValue(String processId) {
        return withoutScheme(processId, PROCESS_SCHEME);
    }

    private static String withoutScheme(String identifier, String scheme) {
        String id = identifier.trim();
        String prefix = scheme + "::";
        return id.regionMatches(true, 0, prefix, 0, prefix.length()) ? id.substring(prefix.length()) : id;
    }
}
