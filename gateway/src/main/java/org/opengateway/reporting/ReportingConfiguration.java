package org.opengateway.reporting;

import java.time.Clock;
import net.sf.saxon.s9api.Processor;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Peppol Reporting: the official rules, the sender of reports, and the monthly job every node runs. */
@Configuration(proxyBeanMethods = false)
public class ReportingConfiguration {

    @Bean
    ReportValidator reportValidator(Processor saxon) {
        return new ReportValidator(saxon);
    }

    @Bean
    ReportSender reportSender(RecipientLookup recipients, As4Sender sender, As4Keys keys,
            ReportingProperties settings) {
        return new ReportSender(recipients, sender, keys, settings.receiver());
    }

    @Bean
    MonthlyReporting monthlyReporting(PeppolReports reports, ReportingItems items, ReportValidator rules,
            ReportSender sender, TransactionTemplate transactions, ReportingProperties settings, As4Keys keys,
            Clock clock) {
        return new MonthlyReporting(new MonthlyReporting.Collaborators(reports, items, rules, sender, transactions),
                settings, keys.seatId(), clock);
    }
}
