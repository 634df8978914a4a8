package org.opengateway.transport.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.helger.peppol.security.PeppolTrustStores;
import com.helger.security.certificate.ECertificateCheckResult;
import com.helger.security.revocation.ERevocationCheckMode;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.opengateway.config.NetworkMode;
import org.opengateway.testing.SampleKeys;

class NetworkTrustTest {

    private static final X509Certificate SAMPLE_AP = SampleKeys.certificate(SampleKeys.file("gateway-a.p12"));

    @Test
    void localTrustsTheConfiguredTrustStoreWithoutRevocationChecks() {
        NetworkTrust trust = NetworkTrust.of(NetworkMode.LOCAL, () -> SampleKeys.load(SampleKeys.file("truststore.p12")));

        assertEquals(ERevocationCheckMode.NONE, trust.revocationCheck());
        assertEquals(ECertificateCheckResult.VALID, trust.accessPointCaChecker().checkCertificate(SAMPLE_AP));
        assertTrue(SampleKeyDetector.packaged().sampleReason(trust.allTrusted()).isPresent());
    }

    @Test
    void peppolTestTrustsThePeppolTestCasWithRevocationChecksAndNeverTheTestPki() {
        NetworkTrust trust = NetworkTrust.of(NetworkMode.PEPPOL_TEST, () -> {
            throw new AssertionError("the configured trust store is for the local network only");
        });

        assertEquals(ERevocationCheckMode.OCSP_BEFORE_CRL, trust.revocationCheck());
        assertTrue(trust.accessPointCas().contains(PeppolTrustStores.Config2025.CERTIFICATE_TEST_AP));
        assertFalse(trust.accessPointCas().contains(PeppolTrustStores.Config2025.CERTIFICATE_PRODUCTION_AP));
        assertTrue(trust.allTrusted().contains(PeppolTrustStores.Config2025.CERTIFICATE_TEST_SMP));
        assertTrue(SampleKeyDetector.packaged().sampleReason(trust.allTrusted()).isEmpty());
        assertNotEquals(ECertificateCheckResult.VALID, trust.accessPointCaChecker().checkCertificate(SAMPLE_AP));
    }

    @Test
    void peppolProductionTrustsOnlyTheProductionCas() {
        NetworkTrust trust = NetworkTrust.peppolProduction();

        assertEquals(NetworkMode.PEPPOL_PRODUCTION, trust.mode());
        assertTrue(trust.accessPointCas().contains(PeppolTrustStores.Config2025.CERTIFICATE_PRODUCTION_AP));
        assertFalse(trust.accessPointCas().contains(PeppolTrustStores.Config2025.CERTIFICATE_TEST_AP));
        assertFalse(trust.allTrusted().contains(PeppolTrustStores.Config2025.CERTIFICATE_TEST_SMP));
        assertTrue(trust.allTrusted().contains(PeppolTrustStores.Config2025.CERTIFICATE_PRODUCTION_SMP));
        assertEquals(2, NetworkTrust.certificates(trust.smpTrustStore()).size(), "the SMP CAs only, no TLS roots");
    }
}
