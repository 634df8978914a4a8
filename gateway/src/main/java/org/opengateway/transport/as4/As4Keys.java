package org.opengateway.transport.as4;

import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.security.certificate.TrustedCAChecker;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.opengateway.config.GatewayProperties;
import org.opengateway.transport.pki.DistinguishedNames;
import org.opengateway.transport.pki.KeyStoreFiles;
import org.opengateway.transport.pki.NetworkTrust;

/**
 * The access point's AS4 key, loaded once from the configured PKCS#12 file, and whom it trusts in its network.
 *
 * @param keyStore holds our private key and certificate (with its chain)
 * @param keyAlias the alias of our key in {@code keyStore}
 * @param keyPassword the password of the key store and the key
 * @param trust the CAs of our network (see {@link NetworkTrust}): the same for sending, receiving and SMP lookups
 * @param certificate our own access-point certificate
 */
public record As4Keys(KeyStore keyStore, String keyAlias, char[] keyPassword, NetworkTrust trust,
        X509Certificate certificate) {

    /** Our key with the trust of the local network: the configured trust store. */
    public static As4Keys load(GatewayProperties.As4 settings) {
        return load(settings, NetworkTrust.local(readTrustStore(settings)));
    }

    /** Our key with the trust of the given network. */
    public static As4Keys load(GatewayProperties.As4 settings, NetworkTrust trust) {
        KeyStore keys = KeyStoreFiles.read(settings.keystore(), settings.keystorePassword(), "gateway.as4.keystore");
        try {
            if (!keys.isKeyEntry(settings.keyAlias())) {
                throw new IllegalStateException("The AS4 key store " + settings.keystore().toAbsolutePath()
                        + " has no key under the alias '" + settings.keyAlias() + "' (gateway.as4.key-alias).");
            }
            X509Certificate own = (X509Certificate) keys.getCertificate(settings.keyAlias());
            return new As4Keys(keys, settings.keyAlias(), settings.keystorePassword().toCharArray(), trust, own);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the AS4 key store " + settings.keystore().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The configured trust store ({@code gateway.as4.truststore}), which only the local network uses. */
    public static KeyStore readTrustStore(GatewayProperties.As4 settings) {
        return KeyStoreFiles.read(settings.truststore(), settings.truststorePassword(), "gateway.as4.truststore");
    }

    /** Signs, verifies, encrypts and decrypts for phase4 with our key and the trust store of our network. */
    public IAS4CryptoFactory cryptoFactory() {
        return new KeyCachingCryptoFactory(keyStore, keyAlias, keyPassword, trust.accessPointTrustStore());
    }

    /** The trust store WSS4J checks signatures against (that of our network). */
    public KeyStore trustStore() {
        return trust.accessPointTrustStore();
    }

    /** Our Peppol seat ID: the CN of our certificate, e.g. "PSE000002". */
    public String seatId() {
        return commonName(certificate);
    }

    /** The CAs that issue the certificates of the other access points in our network. */
    public List<X509Certificate> caCertificates() {
        return trust.accessPointCas();
    }

    /**
     * Decides whether another access point's certificate was issued by a CA of our network and is valid now; in the
     * Peppol networks also that it is not revoked (OCSP, then CRL). Makes a new checker with its own revocation cache
     * on each call: call it once per user and keep it.
     */
    public TrustedCAChecker accessPointCaChecker() {
        return trust.accessPointCaChecker();
    }

    /** The CN of a certificate's subject; for an access point, its seat ID. */
    public static String commonName(X509Certificate certificate) {
        return DistinguishedNames.attribute(certificate.getSubjectX500Principal().getName(), "CN").orElse("");
    }
}
