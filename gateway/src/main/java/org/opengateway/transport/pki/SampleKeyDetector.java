package org.opengateway.transport.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the public test keys of {@code keystore-sample/}, which must never serve in a Peppol network: by the
 * file's place (any file of a folder named {@code keystore-sample}) and by content: a certificate that is one of the
 * sample CAs (same SHA-256 fingerprint), that one of them issued (its signature verifies with the CA's key), or that
 * belongs to any test PKI this project makes (organisation "Open Gateway Test PKI", so also a newly made one).
 */
public final class SampleKeyDetector {

    public static final String SAMPLE_FOLDER = "keystore-sample";
    /** The sample CA certificates, packaged into the jar from {@code keystore-sample/}. */
    private static final List<String> SAMPLE_CAS = List.of("test-root-ca.pem", "test-ap-ca.pem");

    private final List<X509Certificate> sampleCas;

    public SampleKeyDetector(List<X509Certificate> sampleCas) {
        this.sampleCas = List.copyOf(sampleCas);
    }

    /** With the sample CAs as packaged in the jar. */
    public static SampleKeyDetector packaged() {
        List<X509Certificate> cas = new ArrayList<>();
        for (String name : SAMPLE_CAS) {
            try (InputStream in = SampleKeyDetector.class.getResourceAsStream("/" + SAMPLE_FOLDER + "/" + name)) {
                if (in != null) {
                    cas.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the packaged sample CA " + name + ": " + e.getMessage(), e);
            }
        }
        return new SampleKeyDetector(cas);
    }

    /** True for any file inside a folder named {@code keystore-sample}. */
    public static boolean isSampleLocation(String location) {
        if (location == null || location.isBlank()) {
            return false;
        }
        String path = location.replaceFirst("^(file|classpath\\*?):", "");
        try {
            for (Path part : Path.of(path).toAbsolutePath().normalize()) {
                if (part.toString().equals(SAMPLE_FOLDER)) {
                    return true;
                }
            }
            return false;
        } catch (java.nio.file.InvalidPathException e) {
            return path.replace('\\', '/').contains(SAMPLE_FOLDER + "/");
        }
    }

    /**
     * Why the chain belongs to the sample PKI, in plain words, or empty when it does not.
     *
     * @param chain a certificate with its issuers, or the certificates of a trust store
     */
    public Optional<String> sampleReason(List<X509Certificate> chain) {
        for (X509Certificate certificate : chain) {
            for (X509Certificate ca : sampleCas) {
                if (fingerprint(certificate).equals(fingerprint(ca))) {
                    return Optional.of(subject(certificate) + " is the sample CA " + subject(ca) + " (SHA-256 "
                            + fingerprint(ca) + ")");
                }
                if (certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && signedBy(certificate,
                        ca)) {
                    return Optional.of(subject(certificate) + " was issued by the sample CA " + subject(ca)
                            + " (SHA-256 " + fingerprint(ca) + ")");
                }
            }
            if (isTestPkiName(certificate.getSubjectX500Principal().getName())
                    || isTestPkiName(certificate.getIssuerX500Principal().getName())) {
                return Optional.of(subject(certificate) + " belongs to a test PKI of this project (O="
                        + TestPki.ORGANISATION_NAME + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean isTestPkiName(String name) {
        return DistinguishedNames.attribute(name, "O").map(TestPki.ORGANISATION_NAME::equalsIgnoreCase).orElse(false);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
