package org.opengateway.directory;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.opengateway.config.GatewayProperties;
import org.opengateway.transport.pki.KeyStoreFiles;
import org.opengateway.config.NetworkMode;

/**
 * The key that signs our SMP's answers, and the trust store that SMP answers we read are checked against.
 *
 * @param signingKey the private key of our SMP certificate
 * @param certificate our SMP certificate, put into every signature
 * @param trustStore the CAs that issue SMP certificates
 */
public record SmpKeys(PrivateKey signingKey, X509Certificate certificate, KeyStore trustStore) {

    /**
     * @param networkSmpTrust the SMP CAs of the network (see {@code NetworkTrust}), used unless the local network is
     *        given a trust store of its own in {@code gateway.smp.truststore}
     */
    public static SmpKeys load(GatewayProperties.Smp settings, NetworkMode network, KeyStore networkSmpTrust) {
        KeyStore keys = KeyStoreFiles.read(settings.keystore(), settings.keystorePassword(), "gateway.smp.keystore");
        try {
            if (!keys.isKeyEntry(settings.keyAlias())) {
                throw new IllegalStateException("The SMP key store " + settings.keystore().toAbsolutePath()
                        + " has no key under the alias '" + settings.keyAlias() + "' (gateway.smp.key-alias).");
            }
            PrivateKey key = (PrivateKey) keys.getKey(settings.keyAlias(), settings.keystorePassword().toCharArray());
            X509Certificate certificate = (X509Certificate) keys.getCertificate(settings.keyAlias());
            return new SmpKeys(key, certificate, trustStore(settings, network, networkSmpTrust));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the SMP key from " + settings.keystore().toAbsolutePath()
                    + ": " + e.getMessage() + ". Check gateway.smp.keystore-password and gateway.smp.key-alias.", e);
        }
    }

    private static KeyStore trustStore(GatewayProperties.Smp settings, NetworkMode network, KeyStore networkSmpTrust) {
        boolean configured = settings.truststore() != null && !settings.truststore().toString().isBlank();
        // in the Peppol networks only the Peppol SMP CAs are trusted, never a test PKI
        return configured && network == NetworkMode.LOCAL
                ? KeyStoreFiles.read(settings.truststore(), settings.truststorePassword(), "gateway.smp.truststore")
                : networkSmpTrust;
    }
}
