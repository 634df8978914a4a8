package org.opengateway.directory;

import org.opengateway.document.ParticipantId;

/**
 * The SML (Service Metadata Locator) as our SMP uses it: a participant registered there is found by every sender of
 * the network (through the DNS), and points at our SMP.
 */
public interface SmlRegistration {

    /** Registers the participant for our SMP; registering one that is already ours changes nothing. */
    void register(ParticipantId participant) throws SmlException;

    /** Removes the participant; removing one that is not registered changes nothing. */
    void remove(ParticipantId participant) throws SmlException;

    /** Says which SML this is, for messages. */
    String describe();

    /** The SML refused or could not be reached; the message says why in plain words. */
    class SmlException extends Exception {
        public SmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
