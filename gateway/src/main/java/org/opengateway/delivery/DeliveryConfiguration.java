package org.opengateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NodeIdentity;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.document.DocumentReader;
import org.opengateway.mls.MlsProperties;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.opengateway.transport.as4.Phase4Runtime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sending accepted invoices: the AS4 sender with our key, the retry policy, and the dispatcher every node runs. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    /** phase4 must be set up (our duplicate manager installed) before anything uses it, hence the runtime here. */
    @Bean
    As4Sender as4Sender(Phase4Runtime phase4, As4Keys keys, GatewayProperties properties, MlsProperties mls) {
        GatewayProperties.Sending sending = properties.sending();
        if (sending.lease().compareTo(sending.connectTimeout().plus(sending.responseTimeout())) <= 0) {
            throw new IllegalStateException("gateway.sending.lease (" + sending.lease() + ") must be longer than"
                    + " gateway.sending.connect-timeout and response-timeout together, or another node could take up"
                    + " an invoice while it is still being sent.");
        }
        return new As4Sender(keys, keys.accessPointCaChecker(), sending.connectTimeout(), sending.responseTimeout(),
                mls.enabled() ? mls.requestType() : null);
    }

    @Bean
    OutboundDelivery outboundDelivery(InvoiceStore invoices, Deliveries deliveries, DocumentReader reader,
            RecipientLookup recipients, As4Sender sender, EndpointCircuits circuits, GatewayProperties properties,
            MeterRegistry meters) {
        SecureRandom random = new SecureRandom();
        return new OutboundDelivery(
                new OutboundDelivery.Collaborators(invoices, deliveries, reader, recipients, sender, circuits),
                new RetryPolicy(properties.sending().retry(), random::nextDouble),
                properties.sending().defaultCountryC1(), meters);
    }

    @Bean
    OutboundDispatcher outboundDispatcher(Deliveries deliveries, OutboundDelivery delivery,
            GatewayProperties properties, NodeIdentity node, ClusterJobs jobs) {
        return new OutboundDispatcher(deliveries, delivery, properties.sending(), node.name(), jobs);
    }
}
