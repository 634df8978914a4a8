package org.opengateway.receiving;

import java.util.EnumSet;
import java.util.Set;

/** The states of a document received from the Peppol network, and the moves allowed between them. */
public enum ReceivedStatus {
    /** Stored and confirmed to the sending access point with a signed receipt; delivery is still to come. */
    RECEIVED_FROM_NETWORK,
    /** Written to the company's outbox folder and put on its queue; it can also be fetched over the API. */
    AVAILABLE_TO_CUSTOMER,
    /** The company has it: acknowledged over the API, or its file was taken from the outbox folder. */
    DELIVERED_TO_CUSTOMER;

    public Set<ReceivedStatus> next() {
        return switch (this) {
            // a customer may acknowledge what it fetched over the API before the folder and queue have it
            case RECEIVED_FROM_NETWORK -> EnumSet.of(AVAILABLE_TO_CUSTOMER, DELIVERED_TO_CUSTOMER);
            case AVAILABLE_TO_CUSTOMER -> EnumSet.of(DELIVERED_TO_CUSTOMER);
            case DELIVERED_TO_CUSTOMER -> EnumSet.noneOf(ReceivedStatus.class);
        };
    }

    public boolean canMoveTo(ReceivedStatus target) {
        return next().contains(target);
    }
}
