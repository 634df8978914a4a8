package org.opengateway.company;

/** The company data whose change waits for a confirmation by mail (see {@link SensitiveChanges}). */
public enum ChangeKind {
    PAYMENT_DETAILS, ORGANISATION_NUMBER, GENERAL_CONTACT
}
