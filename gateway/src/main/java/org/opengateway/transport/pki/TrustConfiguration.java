package org.opengateway.transport.pki;

import java.util.List;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NetworkMode;
import org.opengateway.config.StartRefused;
import org.opengateway.transport.as4.As4Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Whom the gateway trusts ({@link NetworkTrust}, one bean for sending, receiving and SMP lookups) and its own
 * certificates, checked against what its network demands before anything starts.
 */
@Configuration(proxyBeanMethods = false)
public class TrustConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrustConfiguration.class);

    @Bean
    NetworkTrust networkTrust(GatewayProperties properties) {
        NetworkTrust trust = NetworkTrust.of(properties.network(), () -> As4Keys.readTrustStore(properties.as4()));
        if (trust.mode() == NetworkMode.LOCAL) {
            log.info("Network: local. Trusted CAs from {} (gateway.as4.truststore), no revocation checks.",
                    properties.as4().truststore().toAbsolutePath());
        } else {
            log.info("Network: {}. Trusted: the Peppol {} CAs as peppol-commons ships them, revocation checked by {}.",
                    properties.network(), properties.network() == NetworkMode.PEPPOL_PRODUCTION ? "production"
                            : "test", trust.revocationCheck());
        }
        return trust;
    }

    /** Our certificates; refuses to start when they (or the TLS set-up) do not fit the network. */
    @Bean
    OwnCertificates ownCertificates(As4Keys keys, NetworkTrust trust, GatewayProperties properties,
            Environment environment, ObjectProvider<SslBundles> bundles) throws java.security.GeneralSecurityException {
        OwnCertificate accessPoint = new OwnCertificate(OwnCertificate.Kind.ACCESS_POINT,
                properties.as4().keystore().toString(), OwnCertificates.chain(keys.keyStore(), keys.keyAlias()));
        OwnCertificates own = OwnCertificates.read(accessPoint, environment, bundles.getIfAvailable());
        NetworkModeCheck.Setup setup = new NetworkModeCheck.Setup(properties.network(), own.all(), trust,
                own.tlsServed(), properties.tls().offloaded(), properties.publicUrl());
        List<String> problems = new NetworkModeCheck(SampleKeyDetector.packaged()).problems(setup);
        if (!problems.isEmpty()) {
            throw new StartRefused("the network " + properties.network().name().toLowerCase().replace('_', '-')
                    + " (gateway.network)", problems);
        }
        return own;
    }
}
