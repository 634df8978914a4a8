package org.opengateway.delivery;

import java.time.OffsetDateTime;

/**
 * Where the sending of one invoice stands, for the API and support.
 *
 * @param nextAttemptAt when the next attempt is due, while one is scheduled
 */
public record DeliveryRecord(String sbdhInstanceId, String as4MessageId, int attempts, OffsetDateTime nextAttemptAt,
        String endpoint, String receivingAccessPoint, String receiptMessageId, OffsetDateTime deliveredAt,
        boolean hasReceipt) {
}
