package org.opengateway.transport.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TestPkiTest {

    /** The folder committed with the project, seen from the gateway module. */
    private static final Path COMMITTED = Path.of("..", "keystore-sample");

    @TempDir
    Path dir;

    @Test
    void makesAWorkingPkiAgain() throws Exception {
        new TestPki().write(dir);
        checkAll(dir);
    }

    static Stream<String> keyStores() {
        return Stream.of("gateway-a.p12", "gateway-b.p12", "smp.p12");
    }

    @ParameterizedTest
    @MethodSource("keyStores")
    void theCommittedKeysChainToTheTestRootAndStayValidForYears(String name) throws Exception {
        X509Certificate[] chain = chain(COMMITTED.resolve(name));
        validate(chain, trustAnchor(COMMITTED));
        chain[0].checkValidity(Date.from(Instant.now().plus(3650, ChronoUnit.DAYS)));
    }

    private static void checkAll(Path folder) throws Exception {
        X509Certificate root = trustAnchor(folder);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        for (String gateway : TestPki.GATEWAYS) {
            X509Certificate[] chain = chain(folder.resolve(gateway + ".p12"));
            validate(chain, root);
            // Peppol access points are named by seat ID: P + two letters + six digits
            assertThat(chain[0].getSubjectX500Principal().getName()).matches("CN=P[A-Z]{2}[0-9]{6},.*");
            assertThat(chain[0].getBasicConstraints()).isEqualTo(-1);
            assertThat(chain[1].getBasicConstraints()).isEqualTo(0);
            assertThat(signs(folder.resolve(gateway + ".p12"), chain[0])).isTrue();
        }
        validate(chain(folder.resolve("smp.p12")), root);
    }

    private static X509Certificate trustAnchor(Path folder) throws Exception {
        KeyStore trust = load(folder.resolve("truststore.p12"));
        return (X509Certificate) trust.getCertificate("ca-0");
    }

    private static X509Certificate[] chain(Path keyStore) throws Exception {
        return Arrays.stream(load(keyStore).getCertificateChain(TestPki.KEY_ALIAS))
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    private static void validate(X509Certificate[] chain, X509Certificate root) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(chain).subList(0, chain.length - 1));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static boolean signs(Path keyStore, X509Certificate certificate) throws Exception {
        PrivateKey key = (PrivateKey) load(keyStore).getKey(TestPki.KEY_ALIAS, TestPki.PASSWORD.toCharArray());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate);
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, TestPki.PASSWORD.toCharArray());
        }
        return store;
    }
}
