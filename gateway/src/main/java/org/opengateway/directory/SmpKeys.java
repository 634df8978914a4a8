package org.opengateway.directory;

import com.helger.peppol.security.PeppolTrustStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NetworkMode;

/**
 * The key that signs our SMP's answers, and the trust store that SMP answers we read are checked against.
 *
 * @param signingKey the private key of our SMP certificate
 * @param certificate our SMP certificate, put into every signature
 * @param trustStore the CAs that issue SMP certificates
 */
public record SmpKeys(PrivateKey signingKey, X509Certificate certificate, KeyStore trustStore) {

    private static final Path LOCAL_TRUST_STORE = Path.of("keystore-sample", "truststore.p12");

    public static SmpKeys load(GatewayProperties.Smp settings, NetworkMode network) {
        KeyStore keys = read(settings.keystore(), settings.keystorePassword(), "gateway.smp.keystore");
        try {
            if (!keys.isKeyEntry(settings.keyAlias())) {
                throw new IllegalStateException("The SMP key store " + settings.keystore().toAbsolutePath()
                        + " has no key under the alias '" + settings.keyAlias() + "' (gateway.smp.key-alias).");
            }
            PrivateKey key = (PrivateKey) keys.getKey(settings.keyAlias(), settings.keystorePassword().toCharArray());
            X509Certificate certificate = (X509Certificate) keys.getCertificate(settings.keyAlias());
            return new SmpKeys(key, certificate, trustStore(settings, network));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the SMP key from " + settings.keystore().toAbsolutePath()
                    + ": " + e.getMessage() + ". Check gateway.smp.keystore-password and gateway.smp.key-alias.", e);
        }
    }

    private static KeyStore trustStore(GatewayProperties.Smp settings, NetworkMode network) {
        boolean configured = settings.truststore() != null && !settings.truststore().toString().isBlank();
        if (configured) {
            return read(settings.truststore(), settings.truststorePassword(), "gateway.smp.truststore");
        }
        return switch (network) {
            case LOCAL -> read(LOCAL_TRUST_STORE, settings.truststorePassword(), "gateway.smp.truststore");
            // the Peppol SMP CAs of 2025, as peppol-commons ships them
            case PEPPOL_TEST -> PeppolTrustStores.Config2025.TRUSTSTORE_SMP_TEST;
            case PEPPOL_PRODUCTION -> PeppolTrustStores.Config2025.TRUSTSTORE_SMP_PRODUCTION;
        };
    }

    private static KeyStore read(Path file, String password, String key) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The key store " + file.toAbsolutePath() + " does not exist. The defaults"
                    + " point into keystore-sample/ and work when the gateway is started from the project folder;"
                    + " elsewhere set " + key + " to your key store.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the key store " + file.toAbsolutePath() + ": "
                    + e.getMessage() + ". Check " + key + " and its password.", e);
        }
    }
}
