package org.opengateway.company;

/**
 * Makes a new company a receiver in the Peppol network with the usual document types. Implemented by the recipient
 * directory; called where companies are made that should receive at once (the demo companies).
 */
public interface ReceiverSetup {

    void receiveWithDefaults(Company company);
}
