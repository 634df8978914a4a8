package org.opengateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NetworkMode;
import org.opengateway.testing.SampleKeys;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The gateway.smp.* defaults of application.properties bind, empty values included, and load the sample keys. */
class SmpSettingsTest {

    @Test
    void theDefaultsOfApplicationPropertiesBind() throws IOException {
        GatewayProperties.Smp smp = bind(Map.of()).smp();

        assertThat(smp.keystore()).isEqualTo(Path.of("keystore-sample/smp.p12"));
        assertThat(smp.keyAlias()).isEqualTo("key");
        assertThat(smp.url() == null || smp.url().isBlank()).isTrue();
        assertThat(smp.truststore() == null || smp.truststore().toString().isBlank()).isTrue();
        assertThat(smp.cacheFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(smp.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theSampleSmpKeyIsIssuedByACaOfTheSampleTrustStore() throws Exception {
        GatewayProperties.Smp smp = bind(Map.of("gateway.smp.keystore", SampleKeys.file("smp.p12").toString(),
                "gateway.smp.truststore", SampleKeys.file("truststore.p12").toString())).smp();

        SmpKeys keys = SmpKeys.load(smp, NetworkMode.LOCAL);

        boolean issuerTrusted = false;
        for (String alias : java.util.Collections.list(keys.trustStore().aliases())) {
            var ca = (java.security.cert.X509Certificate) keys.trustStore().getCertificate(alias);
            if (ca.getSubjectX500Principal().equals(keys.certificate().getIssuerX500Principal())) {
                keys.certificate().verify(ca.getPublicKey());
                issuerTrusted = true;
            }
        }
        assertThat(issuerTrusted).as("the CA that issued smp.p12 is in truststore.p12").isTrue();
    }

    @Test
    void thePeppolNetworksTrustThePeppolSmpCasWhenNoTrustStoreIsSet() {
        GatewayProperties.Smp smp = bind(Map.of("gateway.smp.keystore", SampleKeys.file("smp.p12").toString())).smp();

        assertThat(SmpKeys.load(smp, NetworkMode.PEPPOL_TEST).trustStore()).isNotNull();
        assertThat(SmpKeys.load(smp, NetworkMode.PEPPOL_PRODUCTION).trustStore()).isNotNull();
    }

    private static GatewayProperties bind(Map<String, String> overrides) {
        Properties defaults = new Properties();
        try (InputStream in = SmpSettingsTest.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> values = new HashMap<>();
        defaults.forEach((key, value) -> {
            if (key.toString().startsWith("gateway.")) {
                values.put(key.toString(), value);
            }
        });
        values.putAll(overrides);
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gateway", GatewayProperties.class);
    }
}
