package org.opengateway.transport.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opengateway.config.NetworkMode;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestCertificates;
import org.opengateway.transport.pki.OwnCertificate.Kind;

class NetworkModeCheckTest {

    private static final NetworkModeCheck CHECK = new NetworkModeCheck(SampleKeyDetector.packaged());
    private static final TestCertificates.Issued OWN_CA = TestCertificates.ca("CN=Some Real CA,O=Elsewhere,C=SE");
    private static final TestCertificates.Issued OWN_AP = TestCertificates.issue(OWN_CA, "CN=POP000123,O=Us,C=SE",
            Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400L * 365));
    private static final TestCertificates.Issued OWN_TLS = TestCertificates.issue(OWN_CA, "CN=ap.example.com",
            Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400L * 365));

    @TempDir
    Path dir;

    @Test
    void theLocalNetworkDemandsNothing() {
        List<String> problems = CHECK.problems(new NetworkModeCheck.Setup(NetworkMode.LOCAL,
                List.of(sample(Kind.ACCESS_POINT, "gateway-b.p12")), NetworkTrust.local(
                        SampleKeys.load(SampleKeys.file("truststore.p12"))), false, false, null));

        assertEquals(List.of(), problems);
    }

    @Test
    void productionWithOwnKeysTlsAndAnHttpsAddressStarts() {
        assertEquals(List.of(), CHECK.problems(production(List.of(own(Kind.ACCESS_POINT, OWN_AP),
                own(Kind.TLS, OWN_TLS)), true, false, "https://ap.example.com")));
    }

    @Test
    void productionRefusesTheSampleAccessPointKeyAndSaysWhatToSet() {
        List<String> problems = CHECK.problems(production(List.of(sample(Kind.ACCESS_POINT, "gateway-b.p12"),
                own(Kind.TLS, OWN_TLS)), true, false, "https://ap.example.com"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("The access-point certificate (gateway.as4.keystore="), problems.get(0));
        assertTrue(problems.get(0).contains("set gateway.as4.keystore to the key store with the Peppol production"
                + " access-point certificate OpenPeppol issued to you"), problems.get(0));
    }

    @Test
    void aSampleKeyCopiedElsewhereIsRecognisedByItsContent() throws IOException {
        Path copy = Files.copy(SampleKeys.file("smp.p12"), dir.resolve("my-smp.p12"));
        OwnCertificate smp = new OwnCertificate(Kind.SMP, copy.toString(),
                List.of(SampleKeys.certificate(copy)));

        List<String> problems = CHECK.problems(production(List.of(own(Kind.ACCESS_POINT, OWN_AP),
                own(Kind.TLS, OWN_TLS), smp), true, false, "https://ap.example.com"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("The SMP certificate (gateway.smp.keystore="), problems.get(0));
        assertTrue(problems.get(0).contains("sample CA") || problems.get(0).contains("test PKI"), problems.get(0));
    }

    @Test
    void aCertificateIssuedByTheSampleCaIsRecognisedByFingerprintAndSignatureNotOnlyByName() {
        TestCertificates.Issued otherCa = TestCertificates.ca("CN=Renamed CA,O=Innocent Looking,C=SE");
        X509Certificate leaf = TestCertificates.issue(otherCa, "CN=PSE000777,O=Innocent Looking,C=SE",
                Instant.now(), Instant.now().plusSeconds(86_400)).certificate();
        SampleKeyDetector detector = new SampleKeyDetector(List.of(otherCa.certificate()));

        assertTrue(detector.sampleReason(List.of(leaf)).orElseThrow().contains("was issued by the sample CA"));
        assertTrue(detector.sampleReason(List.of(otherCa.certificate())).orElseThrow().contains("is the sample CA"));
        assertTrue(detector.sampleReason(OWN_AP.chain()).isEmpty());
    }

    @Test
    void aFileOfTheSampleFolderIsRefusedWhateverItHolds() {
        OwnCertificate tls = new OwnCertificate(Kind.TLS, "keystore-sample/tls.p12", OWN_TLS.chain());

        List<String> problems = CHECK.problems(new NetworkModeCheck.Setup(NetworkMode.PEPPOL_TEST,
                List.of(own(Kind.ACCESS_POINT, OWN_AP), tls), NetworkTrust.peppolTest(), true, false,
                "https://ap.example.com"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("it is a file of keystore-sample/"), problems.get(0));
        assertTrue(problems.get(0).contains("In the Peppol test network"), problems.get(0));
    }

    @Test
    void withoutTlsThePeppolNetworksRefuseToStartUnlessAProxyDoesIt() {
        List<String> problems = CHECK.problems(production(List.of(own(Kind.ACCESS_POINT, OWN_AP)), false, false,
                "https://ap.example.com"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Peppol requires HTTPS"), problems.get(0));
        assertTrue(problems.get(0).contains("gateway.tls.offloaded=true"), problems.get(0));

        assertEquals(List.of(), CHECK.problems(production(List.of(own(Kind.ACCESS_POINT, OWN_AP)), false, true,
                "https://ap.example.com")));
    }

    @Test
    void behindAProxyThePublicAddressMustBeHttps() {
        List<String> problems = CHECK.problems(production(List.of(own(Kind.ACCESS_POINT, OWN_AP)), false, true,
                "http://ap.example.com"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.public-url must be the https address"), problems.get(0));

        List<String> unset = CHECK.problems(production(List.of(own(Kind.ACCESS_POINT, OWN_AP)), false, true, ""));
        assertTrue(unset.get(0).contains("it is not set"), unset.toString());
    }

    private static NetworkModeCheck.Setup production(List<OwnCertificate> own, boolean tls, boolean offloaded,
            String url) {
        return new NetworkModeCheck.Setup(NetworkMode.PEPPOL_PRODUCTION, own, NetworkTrust.peppolProduction(), tls,
                offloaded, url);
    }

    private static OwnCertificate own(Kind kind, TestCertificates.Issued issued) {
        return new OwnCertificate(kind, "/etc/gateway/" + kind.tag() + ".p12", issued.chain());
    }

    private static OwnCertificate sample(Kind kind, String file) {
        Path path = SampleKeys.file(file);
        try {
            java.security.KeyStore store = SampleKeys.load(path);
            return new OwnCertificate(kind, path.toString(), Arrays.stream(store.getCertificateChain("key"))
                    .map(X509Certificate.class::cast).toList());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
