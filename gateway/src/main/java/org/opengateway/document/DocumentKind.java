package org.opengateway.document;

/** The UBL document types the gateway takes. */
public enum DocumentKind {
    INVOICE("Invoice", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
    CREDIT_NOTE("CreditNote", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2");

    private final String rootName;
    private final String namespace;

    DocumentKind(String rootName, String namespace) {
        this.rootName = rootName;
        this.namespace = namespace;
    }

    public String rootName() {
        return rootName;
    }

    public String namespace() {
        return namespace;
    }

    /**
     * The Peppol document type ID (scheme {@code busdox-docid-qns}) of such a document with this CustomizationID, as
     * SMP registrations and the SBDH name it: {@code <namespace>::<root>##<CustomizationID>::2.1}.
     */
    public String peppolDocumentTypeId(String customizationId) {
        return namespace + "::" + rootName + "##" + customizationId + "::2.1";
    }

    public static DocumentKind of(String namespace, String localName) {
        for (DocumentKind kind : values()) {
            if (kind.namespace.equals(namespace) && kind.rootName.equals(localName)) {
                return kind;
            }
        }
        return null;
    }
}
