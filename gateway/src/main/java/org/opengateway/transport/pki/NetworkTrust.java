package org.opengateway.transport.pki;

import com.helger.peppol.security.PeppolTrustStores;
import com.helger.security.certificate.TrustedCAChecker;
import com.helger.security.revocation.CertificateRevocationCheckerDefaults;
import com.helger.security.revocation.ERevocationCheckMode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.opengateway.config.NetworkMode;

/**
 * Whom the gateway trusts, decided once from the network mode, so that sending, receiving and the SMP lookup agree:
 *
 * <ul>
 * <li>{@code local}: the configured trust store ({@code gateway.as4.truststore}, by default the test PKI of
 * {@code keystore-sample/}), without revocation checks (the test PKI publishes no revocation lists);</li>
 * <li>{@code peppol-test} / {@code peppol-production}: the Peppol test or production CAs as peppol-commons ships them
 * (the current and the previous generation), with revocation checks (OCSP, then CRL). The configured trust store is
 * not used, and the test PKI is never trusted.</li>
 * </ul>
 *
 * @param mode the network
 * @param accessPointTrustStore for WSS4J (phase4's crypto factory): the signatures of AS4 messages and receipts
 * @param accessPointCas the CAs that issue access-point certificates
 * @param smpTrustStore the CAs whose certificates may sign SMP answers (the SMP client's trust store)
 * @param revocationCheck how the access-point certificates are checked for revocation
 */
public record NetworkTrust(NetworkMode mode, KeyStore accessPointTrustStore, List<X509Certificate> accessPointCas,
        KeyStore smpTrustStore, ERevocationCheckMode revocationCheck) {

    private static final int REVOCATION_CACHE_SIZE = 1000;

    public NetworkTrust {
        accessPointCas = List.copyOf(accessPointCas);
    }

    /** The trust of the given network; {@code localTrustStore} is read for the local network only. */
    public static NetworkTrust of(NetworkMode mode, Supplier<KeyStore> localTrustStore) {
        return switch (mode) {
            case LOCAL -> local(localTrustStore.get());
            case PEPPOL_TEST -> peppolTest();
            case PEPPOL_PRODUCTION -> peppolProduction();
        };
    }

    /** Trusts every CA certificate of the given store, for AS4 and SMP alike; no revocation checks. */
    public static NetworkTrust local(KeyStore trustStore) {
        return new NetworkTrust(NetworkMode.LOCAL, trustStore, caCertificates(trustStore), trustStore,
                ERevocationCheckMode.NONE);
    }

    /** The Peppol test network (formerly "pilot"): its access-point and SMP CAs. */
    public static NetworkTrust peppolTest() {
        return new NetworkTrust(NetworkMode.PEPPOL_TEST,
                PeppolTrustStores.Config2025.TRUSTSTORE_AP_TEST,
                List.of(PeppolTrustStores.Config2025.CERTIFICATE_TEST_AP,
                        PeppolTrustStores.Config2018.CERTIFICATE_PILOT_AP),
                trustStoreOf(PeppolTrustStores.Config2025.CERTIFICATE_TEST_SMP,
                        PeppolTrustStores.Config2018.CERTIFICATE_PILOT_SMP),
                ERevocationCheckMode.OCSP_BEFORE_CRL);
    }

    /** The Peppol production network: its access-point and SMP CAs. */
    public static NetworkTrust peppolProduction() {
        return new NetworkTrust(NetworkMode.PEPPOL_PRODUCTION,
                PeppolTrustStores.Config2025.TRUSTSTORE_AP_PRODUCTION,
                List.of(PeppolTrustStores.Config2025.CERTIFICATE_PRODUCTION_AP,
                        PeppolTrustStores.Config2018.CERTIFICATE_PRODUCTION_AP),
                trustStoreOf(PeppolTrustStores.Config2025.CERTIFICATE_PRODUCTION_SMP,
                        PeppolTrustStores.Config2018.CERTIFICATE_PRODUCTION_SMP),
                ERevocationCheckMode.OCSP_BEFORE_CRL);
    }

    /**
     * Decides whether another access point's certificate was issued by a CA of this network, is valid now and (in the
     * Peppol networks) not revoked. For the receiver ({@code PeppolInboundProcessor}) and the sender
     * ({@code Phase4PeppolSender...peppolAP_CAChecker(...)}). Each call makes a checker with its own revocation cache,
     * so call it once and keep the result.
     */
    public TrustedCAChecker accessPointCaChecker() {
        return new TrustedCAChecker(revocationCheck, CertificateRevocationCheckerDefaults
                .DEFAULT_REVOCATION_CHECK_CACHING_DURATION, REVOCATION_CACHE_SIZE,
                accessPointCas.toArray(X509Certificate[]::new));
    }

    /** Every certificate the trust stores of this network hold, for the sample-key check. */
    public List<X509Certificate> allTrusted() {
        List<X509Certificate> all = new ArrayList<>(certificates(accessPointTrustStore));
        all.addAll(certificates(smpTrustStore));
        all.addAll(accessPointCas);
        return all;
    }

    static List<X509Certificate> caCertificates(KeyStore store) {
        return certificates(store).stream().filter(certificate -> certificate.getBasicConstraints() >= 0).toList();
    }

    static List<X509Certificate> certificates(KeyStore store) {
        try {
            List<X509Certificate> all = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    all.add(x509);
                }
            }
            return all;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read a trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStoreOf(X509Certificate... cas) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (X509Certificate ca : cas) {
                store.setCertificateEntry(ca.getSubjectX500Principal().getName(), ca);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the SMP trust store: " + e.getMessage(), e);
        }
    }
}
