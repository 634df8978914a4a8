package org.opengateway.reporting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Peppol Reporting ({@code gateway.reporting.*}).
 *
 * @param enabled build and send the monthly reports
 * @param receiver the participant the reports go to: OpenPeppol's reporting participant; in the local network the
 *     gateway serves it itself (a demo receiver), so the whole way runs on one machine
 * @param defaultCountry the country counted when a document names none for C1 or C4 (two letters)
 * @param firstRetry the wait after the first failed send; it doubles each time up to {@code maxRetry}
 * @param maxRetry the longest wait between two send attempts (a report is retried until it is sent)
 * @param lease how long a send may take before another node takes the report up
 */
@ConfigurationProperties("gateway.reporting")
public record ReportingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("9925:be0848934496") String receiver,
        @DefaultValue("SE") String defaultCountry,
        @DefaultValue("10m") Duration firstRetry,
        @DefaultValue("6h") Duration maxRetry,
        @DefaultValue("5m") Duration lease) {

    public ReportingProperties {
        if (defaultCountry == null || !defaultCountry.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("gateway.reporting.default-country must be a two-letter country code"
                    + " in capitals, such as SE, not '" + defaultCountry + "'.");
        }
    }
}
