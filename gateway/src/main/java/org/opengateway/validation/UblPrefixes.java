package org.opengateway.validation;

/** The prefixes people know from UBL documents, used to write locations and messages readably. */
public final class UblPrefixes {

    private UblPrefixes() {
    }

    /** "cbc:", "cac:" or "ext:" for the UBL component namespaces, "" for any other. */
    public static String of(String namespace) {
        if (namespace.endsWith(":CommonBasicComponents-2")) {
            return "cbc:";
        }
        if (namespace.endsWith(":CommonAggregateComponents-2")) {
            return "cac:";
        }
        if (namespace.endsWith(":CommonExtensionComponents-2")) {
            return "ext:";
        }
        return "";
    }
}
