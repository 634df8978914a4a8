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

    public static DocumentKind of(String namespace, String localName) {
        for (DocumentKind kind : values()) {
            if (kind.namespace.equals(namespace) && kind.rootName.equals(localName)) {
                return kind;
            }
        }
        return null;
    }
}
