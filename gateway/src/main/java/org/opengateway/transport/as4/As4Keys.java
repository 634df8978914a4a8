package org.opengateway.transport.as4;

import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.security.certificate.TrustedCAChecker;
import com.helger.security.revocation.ERevocationCheckMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.opengateway.config.GatewayProperties;

/**
 * The access point's AS4 key and the certificates it trusts, loaded once from the configured PKCS#12 files.
 *
 * @param keyStore holds our private key and certificate (with its chain)
 * @param keyAlias the alias of our key in {@code keyStore}
 * @param keyPassword the password of the key store and the key
 * @param trustStore the CA certificates that issue access-point certificates
 * @param certificate our own access-point certificate
 */
public record As4Keys(KeyStore keyStore, String keyAlias, char[] keyPassword, KeyStore trustStore,
        X509Certificate certificate) {

    public static As4Keys load(GatewayProperties.As4 settings) {
        KeyStore keys = read(settings.keystore(), settings.keystorePassword());
        KeyStore trust = read(settings.truststore(), settings.truststorePassword());
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

    /** Signs, verifies, encrypts and decrypts for phase4 with our key and our trust store. */
    public IAS4CryptoFactory cryptoFactory() {
        return new AS4CryptoFactoryInMemoryKeyStore(keyStore, keyAlias, keyPassword, trustStore);
    }

    /** Our Peppol seat ID: the CN of our certificate, e.g. "PSE000002". */
    public String seatId() {
        return commonName(certificate);
    }

    /** The CA certificates of the trust store. */
    public List<X509Certificate> caCertificates() {
        try {
            List<X509Certificate> cas = new ArrayList<>();
            for (String alias : Collections.list(trustStore.aliases())) {
                Certificate certificate = trustStore.getCertificate(alias);
                if (certificate instanceof X509Certificate x509 && x509.getBasicConstraints() >= 0) {
                    cas.add(x509);
                }
            }
            return cas;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the AS4 trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Decides whether a sending access point's certificate was issued by a CA we trust and is valid now. The test
     * PKI publishes no revocation lists, so revocation is not checked here; the Peppol networks will need a checker
     * with OCSP/CRL (phase4's {@code PeppolTrustedCA}).
     */
    public TrustedCAChecker accessPointCaChecker() {
        return new TrustedCAChecker(ERevocationCheckMode.NONE, Duration.ofHours(1), 1000,
                caCertificates().toArray(X509Certificate[]::new));
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }

    private static KeyStore read(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The key store " + file.toAbsolutePath() + " does not exist. The defaults"
                    + " point into keystore-sample/ and work when the gateway is started from the project folder;"
                    + " elsewhere set gateway.as4.keystore and gateway.as4.truststore to your key stores.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the key store " + file.toAbsolutePath() + ": "
                    + e.getMessage() + ". Check gateway.as4.keystore / gateway.as4.truststore and their passwords.", e);
        }
    }
}
