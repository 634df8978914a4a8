package org.opengateway.cluster;

import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.opengateway.config.NodeIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several nodes on one database: the leases of the scheduled jobs ({@code clusterJobs}, asked by the timer routes), the
 * claims on shared inbox files, and the repository the intake route's read lock names ({@code #inboxClaims}).
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    ClusterJobs clusterJobs(JdbcClient jdbc, TransactionTemplate transactions, NodeIdentity node,
            ClusterProperties properties) {
        return new ClusterJobs(jdbc, transactions, node.name(), properties.jobLease());
    }

    @Bean
    InboxClaims inboxFileClaims(DataSource dataSource, TransactionTemplate transactions, JdbcClient jdbc,
            NodeIdentity node) {
        return new InboxClaims(dataSource, transactions, jdbc, node.name());
    }

    @Bean
    IdempotentRepository inboxClaims(InboxClaims claims) {
        return claims.repository();
    }
}
