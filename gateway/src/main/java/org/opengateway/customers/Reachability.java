package org.opengateway.customers;

/** How a customer can be sent invoices, as an import found it; INVALID only for rows of an import report. */
public enum Reachability {
    /** Receives over Peppol (on this gateway or with another access point). */
    PEPPOL,
    /** Not in Peppol, but has an e-mail address. */
    EMAIL,
    /** Neither in Peppol nor with an e-mail address (or the lookup could not be made now). */
    UNKNOWN,
    /** The row has errors and was not imported. */
    INVALID
}
