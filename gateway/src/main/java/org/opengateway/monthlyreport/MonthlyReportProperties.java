package org.opengateway.monthlyreport;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the companies' monthly reports ({@code gateway.monthly-report.*}).
 *
 * @param lastDay the last day of a month on which last month's report is still mailed, should the gateway not have
 *     run on the 1st
 * @param retryAfter the wait after a mailing failed (the SMTP server was away) before the next try
 */
@ConfigurationProperties("gateway.monthly-report")
public record MonthlyReportProperties(
        @DefaultValue("7") int lastDay,
        @DefaultValue("15m") Duration retryAfter) {

    public MonthlyReportProperties {
        if (lastDay < 1 || lastDay > 28) {
            throw new IllegalArgumentException("gateway.monthly-report.last-day must be between 1 and 28, not "
                    + lastDay + ".");
        }
    }
}
