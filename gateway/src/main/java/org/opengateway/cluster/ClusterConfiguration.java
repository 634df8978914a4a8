package org.opengateway.cluster;

import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.opengateway.config.NodeIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The claims on shared inbox files, and the repository the intake route's read lock names ({@code #inboxClaims}). */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    InboxClaims inboxFileClaims(DataSource dataSource, TransactionTemplate transactions, JdbcClient jdbc,
            NodeIdentity node) {
        return new InboxClaims(dataSource, transactions, jdbc, node);
    }

    @Bean
    IdempotentRepository inboxClaims(InboxClaims claims) {
        return claims.repository();
    }
}
