package org.opengateway.reporting;

/**
 * The two monthly reports of Peppol Reporting, with the identifiers the Peppol specifications give them and the
 * official rules they are checked with (read at run time from the phive-rules-peppol artefact, never copied).
 */
public enum ReportKind {
    TSR("urn:fdc:peppol:transaction-statistics-report:1.0",
            "TransactionStatisticsReport",
            "urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0", "1.0",
            "external/schemas/peppol-transaction-statistics-reporting-1.0.1.xsd",
            "external/schematron/reporting/tsr/1.0.5/xslt/peppol-transaction-statistics-reporting-1.0.5.xslt"),
    EUSR("urn:fdc:peppol:end-user-statistics-report:1.1",
            "EndUserStatisticsReport",
            "urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1", "1.1",
            "external/schemas/peppol-end-user-statistics-reporting-1.1.xsd",
            "external/schematron/reporting/eusr/1.1.5/xslt/peppol-end-user-statistics-reporting-1.1.5.xslt");

    /** The process of both reports (scheme {@code cenbii-procid-ubl}), also their ProfileID. */
    public static final String PROCESS = "urn:fdc:peppol.eu:edec:bis:reporting:1.0";

    private final String namespace;
    private final String rootName;
    private final String customizationId;
    private final String version;
    private final String schema;
    private final String schematron;

    ReportKind(String namespace, String rootName, String customizationId, String version, String schema,
            String schematron) {
        this.namespace = namespace;
        this.rootName = rootName;
        this.customizationId = customizationId;
        this.version = version;
        this.schema = schema;
        this.schematron = schematron;
    }

    public String namespace() {
        return namespace;
    }

    public String rootName() {
        return rootName;
    }

    public String customizationId() {
        return customizationId;
    }

    /** The Peppol document type ID (scheme {@code busdox-docid-qns}). */
    public String documentTypeId() {
        return namespace + "::" + rootName + "##" + customizationId + "::" + version;
    }

    String schema() {
        return schema;
    }

    String schematron() {
        return schematron;
    }

    /** Whether a document type ID (with or without its scheme) is one of the reports, which are not counted. */
    public static boolean isReport(String documentTypeId) {
        for (ReportKind kind : values()) {
            if (documentTypeId != null && documentTypeId.endsWith(kind.documentTypeId())) {
                return true;
            }
        }
        return false;
    }

    /** "tsr" or "TSR"; null for anything else. */
    public static ReportKind parse(String text) {
        for (ReportKind kind : values()) {
            if (kind.name().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        return null;
    }
}
