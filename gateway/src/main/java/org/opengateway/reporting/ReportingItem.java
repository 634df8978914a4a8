package org.opengateway.reporting;

import java.time.OffsetDateTime;

/**
 * One successful transmission as Peppol Reporting counts it.
 *
 * @param otherSeat the other access point's seat ID (C3 for sent documents, C2 for received ones)
 * @param documentType the document type ID, scheme {@code busdox-docid-qns}
 * @param process the process ID, scheme {@code cenbii-procid-ubl}
 * @param countryC4 the receiver's country, known for received documents only
 * @param endUser our customer in the exchange: the sender (C1) of a sent document, the receiver (C4) of a received one
 */
public record ReportingItem(Direction direction, OffsetDateTime at, String ownSeat, String otherSeat,
        String documentType, String process, String transportProfile, String countryC1, String countryC4,
        String endUser) {

    public enum Direction { SENT, RECEIVED }

    /** The end user's country: C1 for a sending end user, C4 for a receiving one. */
    public String endUserCountry() {
        return direction == Direction.SENT ? countryC1 : countryC4;
    }
}
