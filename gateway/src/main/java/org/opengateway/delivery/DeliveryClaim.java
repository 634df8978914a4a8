package org.opengateway.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One invoice this node has taken to send, with its lease.
 *
 * @param attempt the number of this attempt, 1 for the first
 * @param interrupted an earlier attempt was cut short (its node stopped) before its outcome was known
 */
public record DeliveryClaim(UUID invoiceId, UUID companyId, String sbdhInstanceId, String as4MessageId, int attempt,
        OffsetDateTime firstAttemptAt, boolean interrupted) {
}
