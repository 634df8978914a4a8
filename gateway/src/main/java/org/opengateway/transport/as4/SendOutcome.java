package org.opengateway.transport.as4;

/** What came of one attempt to send a message over AS4. */
public sealed interface SendOutcome {

    /**
     * The receiving access point gave a signed receipt.
     *
     * @param receiptMessageId the AS4 message ID of the receipt
     * @param receipt the receipt as received (the whole signed response), kept as proof of delivery
     * @param alreadyReceived the receiver refused it as a duplicate: it had this message from an earlier attempt
     */
    record Delivered(String receiptMessageId, byte[] receipt, boolean alreadyReceived) implements SendOutcome {
    }

    /**
     * No receipt.
     *
     * @param kind why, in the terms support uses
     * @param errorCode the AS4 error code the receiver answered with, if any (e.g. {@code EBMS:0004})
     * @param detail what happened, in words
     */
    record Failed(FailureKind kind, String errorCode, String detail) implements SendOutcome {
    }

    /** Why a message was not delivered, and whether trying again later may help. */
    enum FailureKind {
        RECIPIENT_NOT_REGISTERED(false),
        DOCUMENT_TYPE_NOT_ACCEPTED(false),
        LOOKUP_FAILED(true),
        UNREACHABLE(true),
        REJECTED_BY_RECEIVER(false),
        RECEIVER_BUSY(true),
        CERTIFICATE_NOT_TRUSTED(false),
        CANNOT_BUILD_MESSAGE(false);

        private final boolean transientFailure;

        FailureKind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Trying again later may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }
}
