package org.opengateway.validation;

/** A fatal finding rejects the invoice; a warning is kept and shown but does not block it. */
public enum Severity {
    FATAL, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
