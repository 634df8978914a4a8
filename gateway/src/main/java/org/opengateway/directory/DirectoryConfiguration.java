package org.opengateway.directory;

import com.helger.peppol.sml.ESML;
import java.net.URI;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.PublicAddress;
import org.opengateway.transport.as4.As4Keys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Our SMP and the recipient lookup, set up from {@code gateway.smp.*} and the network mode. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    SmpKeys smpKeys(GatewayProperties properties) {
        return SmpKeys.load(properties.smp(), properties.network());
    }

    @Bean
    ServiceMetadataPublisher serviceMetadataPublisher(AcceptedDocumentTypes accepted, SmpKeys keys,
            As4Keys as4Keys, PublicAddress address, GatewayProperties properties) {
        String contact = properties.smp().technicalContactUrl();
        var endpoint = new ServiceMetadataPublisher.Endpoint(address::base, address::as4Endpoint, as4Keys.certificate(),
                () -> contact == null || contact.isBlank() ? address.base().toString() : contact.trim());
        return new ServiceMetadataPublisher(accepted, endpoint, keys);
    }

    @Bean
    RecipientLookup recipientLookup(GatewayProperties properties, PublicAddress address, SmpKeys keys) {
        GatewayProperties.Smp smp = properties.smp();
        return new RecipientLookup(locator(properties, address), keys.trustStore(), smp.cacheFor(), smp.timeout());
    }

    private static SmpLocator locator(GatewayProperties properties, PublicAddress address) {
        String url = properties.smp().url();
        if (url != null && !url.isBlank()) {
            URI fixed = URI.create(url.trim());
            return new SmpLocator.Fixed(() -> fixed);
        }
        return switch (properties.network()) {
            // our own SMP: its address is known once the web server listens
            case LOCAL -> new SmpLocator.Fixed(address::base);
            case PEPPOL_TEST -> new SmpLocator.Sml(ESML.DIGIT_TEST);
            case PEPPOL_PRODUCTION -> new SmpLocator.Sml(ESML.DIGIT_PRODUCTION);
        };
    }
}
