package org.opengateway.mls;

import com.helger.peppol.sbdh.EPeppolMLSType;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Message Level Status ({@code gateway.mls.*}).
 *
 * @param enabled answer received documents with an MLS, and ask for MLS in what we send
 * @param requestType the MLS_TYPE we put in every SBDH we send: {@code FAILURE_ONLY} (an MLS only for a rejection)
 *     or {@code ALWAYS_SEND} (also for an accepted document)
 * @param sentTarget the time from receiving a document to sending its MLS that the service level allows
 * @param receivedTarget the time from delivering a document to receiving its MLS that the service level allows
 * @param targetPercent the share of documents that must keep the targets
 * @param overdueAfter a delivered invoice that asked for every MLS ({@code ALWAYS_SEND}) and has none after this long
 *     is flagged for support
 * @param failureOfDeliveryAfter a received document still not handed to its company this long after it came is
 *     answered with a rejection for failure of delivery (FD), so the sender hears of it within the service level
 * @param firstRetry the wait after a failed MLS send; it doubles each time up to {@code maxRetry}
 * @param maxRetry the longest wait between two send attempts (an MLS is tried until it is sent)
 * @param lease how long a send may take before another node takes the MLS up
 */
@ConfigurationProperties("gateway.mls")
public record MlsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("FAILURE_ONLY") EPeppolMLSType requestType,
        @DefaultValue("20m") Duration sentTarget,
        @DefaultValue("25m") Duration receivedTarget,
        @DefaultValue("99.5") double targetPercent,
        @DefaultValue("25m") Duration overdueAfter,
        @DefaultValue("15m") Duration failureOfDeliveryAfter,
        @DefaultValue("1m") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry,
        @DefaultValue("2m") Duration lease) {

    public MlsProperties {
        if (targetPercent <= 0 || targetPercent > 100) {
            throw new IllegalArgumentException("gateway.mls.target-percent must be a share above 0 and at most 100,"
                    + " such as 99.5, not " + targetPercent + ".");
        }
    }
}
