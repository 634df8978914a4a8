package org.opengateway.mls;

import java.time.Clock;
import net.sf.saxon.s9api.Processor;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Message Level Status: the official rules, our outgoing MLS, the overdue flag and the service levels. */
@Configuration(proxyBeanMethods = false)
public class MlsConfiguration {

    @Bean
    MlsRules mlsRules(Processor saxon) {
        return new MlsRules(saxon);
    }

    @Bean
    OutgoingMls outgoingMls(JdbcClient jdbc, TransactionTemplate transactions, MlsRules rules,
            RecipientLookup recipients, As4Sender sender, ReportingItems reporting, MlsProperties settings,
            As4Keys keys) {
        return new OutgoingMls(new OutgoingMls.Collaborators(jdbc, transactions, rules, recipients, sender,
                reporting), settings, keys);
    }

    @Bean
    MlsOverdue mlsOverdue(JdbcClient jdbc, ClusterJobs jobs, MlsProperties settings, Clock clock,
            @Value("${gateway.mls.check-interval:60000}") long checkInterval) {
        return new MlsOverdue(jdbc, jobs, settings, checkInterval, clock);
    }

    @Bean
    ServiceLevels mlsServiceLevels(JdbcClient jdbc, MlsProperties settings, Clock clock) {
        return new ServiceLevels(jdbc, settings, clock);
    }
}
