package org.opengateway.directory;

import com.helger.peppol.sml.ESML;
import java.net.URI;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.KeyStore;
import java.util.Optional;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NetworkMode;
import org.opengateway.document.ParticipantId;
import org.opengateway.transport.pki.KeyStoreFiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.opengateway.config.PublicAddress;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.pki.NetworkTrust;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Our SMP and the recipient lookup, set up from {@code gateway.smp.*} and the network mode. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    SmpKeys smpKeys(GatewayProperties properties, NetworkTrust trust) {
        return SmpKeys.load(properties.smp(), properties.network(), trust.smpTrustStore());
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
    RecipientLookup recipientLookup(GatewayProperties properties, SmpLocator locator, SmpKeys keys) {
        GatewayProperties.Smp smp = properties.smp();
        return new RecipientLookup(locator, keys.trustStore(), smp.cacheFor(), smp.timeout());
    }

    /** In the local network our SMP registers in a table; in the Peppol networks in the SML, with the SMP key. */
    @Bean
    SmlRegistration smlRegistration(GatewayProperties properties, DirectorySettings settings, JdbcClient jdbc) {
        if (properties.network() == NetworkMode.LOCAL) {
            return new LocalSml(jdbc);
        }
        DirectorySettings.Sml sml = settings.sml();
        ESML network = properties.network() == NetworkMode.PEPPOL_TEST ? ESML.DIGIT_TEST : ESML.DIGIT_PRODUCTION;
        URL url;
        try {
            url = sml.url() == null || sml.url().isBlank() ? network.getManageParticipantIdentifierEndpointAddress()
                    : URI.create(sml.url().trim()).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("gateway.directory.sml.url '" + sml.url() + "' is not a valid URL.", e);
        }
        if (sml.smpId() == null || sml.smpId().isBlank()) {
            return new SmlRegistration() {
                @Override
                public void register(ParticipantId participant) throws SmlException {
                    throw new SmlException("Cannot register " + participant + " in the SML: our SMP has no SMP ID."
                            + " Set gateway.directory.sml.smp-id to the ID your SMP was registered under at "
                            + url + ".", null);
                }

                @Override
                public void remove(ParticipantId participant) throws SmlException {
                    register(participant);
                }

                @Override
                public String describe() {
                    return "the SML at " + url + " (no SMP ID set)";
                }
            };
        }
        GatewayProperties.Smp smp = properties.smp();
        KeyStore keys = KeyStoreFiles.read(smp.keystore(), smp.keystorePassword(), "gateway.smp.keystore");
        return new PeppolSml(url, sml.smpId().trim(), keys, smp.keystorePassword(), sml.timeout());
    }

    @Bean
    PartyLookup partyLookup(JdbcClient jdbc, AcceptedDocumentTypes accepted, PublicAddress address,
            GatewayProperties properties, SmpLocator locator, SmpKeys keys, SmlRegistration sml,
            PartyLookupCache cache) {
        // a fixed SMP answers for itself; otherwise the local network's SML says who is registered
        Optional<LocalSml> localSml = sml instanceof LocalSml local && !fixedSmp(properties) ? Optional.of(local)
                : Optional.empty();
        var network = new PartyLookup.Network(locator, keys.trustStore(), properties.smp().timeout(), localSml);
        return new PartyLookup(jdbc, accepted, () -> address.as4Endpoint().toString(), network, cache);
    }

    private static boolean fixedSmp(GatewayProperties properties) {
        return properties.smp().url() != null && !properties.smp().url().isBlank();
    }

    @Bean
    SmpLocator smpLocator(GatewayProperties properties, PublicAddress address) {
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
