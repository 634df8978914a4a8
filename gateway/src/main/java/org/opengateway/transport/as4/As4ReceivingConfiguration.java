package org.opengateway.transport.as4;

import org.opengateway.config.GatewayProperties;
import org.opengateway.document.DocumentReader;
import org.opengateway.mls.IncomingMls;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.receiving.ReceiverCheck;
import org.opengateway.transport.pki.NetworkTrust;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** AS4 receiving: our key, phase4's runtime, the Peppol message processor and the {@code /as4} endpoint. */
@Configuration(proxyBeanMethods = false)
public class As4ReceivingConfiguration {

    @Bean
    SeenAs4MessageIds seenAs4MessageIds(JdbcClient jdbc) {
        return new SeenAs4MessageIds(jdbc);
    }

    @Bean
    Phase4Runtime phase4Runtime(SeenAs4MessageIds seenMessageIds) {
        return new Phase4Runtime(seenMessageIds);
    }

    @Bean
    As4Keys as4Keys(GatewayProperties properties, NetworkTrust trust) {
        return As4Keys.load(properties.as4(), trust);
    }

    @Bean
    PeppolInboundProcessor peppolInboundProcessor(As4Keys keys, ReceiverCheck receivers,
            ReceivedDocuments documents, IncomingMls mls, SeenAs4MessageIds seenMessageIds, DocumentReader reader) {
        return new PeppolInboundProcessor(keys.accessPointCaChecker(), receivers, documents, mls, seenMessageIds,
                reader);
    }

    @Bean
    ServletRegistrationBean<As4ReceivingServlet> as4Endpoint(Phase4Runtime runtime, As4Keys keys,
            PeppolInboundProcessor processor, SeenAs4MessageIds seenMessageIds) {
        ServletRegistrationBean<As4ReceivingServlet> registration = new ServletRegistrationBean<>(
                new As4ReceivingServlet(keys.cryptoFactory(), processor, seenMessageIds::writeNoted), "/as4");
        registration.setName("as4");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
