package org.opengateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in a test, with the validity the test needs (not the project's test PKI). */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key with its certificate chain (the certificate first). */
    public record Issued(KeyPair keys, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** Writes the key and chain to a PKCS#12 file under the alias "key" with the given password. */
        public Path writePkcs12(Path file, String password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("key", keys.getPrivate(), password.toCharArray(),
                        chain.toArray(X509Certificate[]::new));
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    /** A self-signed CA. */
    public static Issued ca(String name) {
        KeyPair keys = keyPair();
        return new Issued(keys, List.of(build(name, null, keys, Instant.now().minusSeconds(86_400),
                Instant.now().plusSeconds(86_400L * 3650), true, null)));
    }

    /** A certificate for {@code name} issued by {@code ca}, valid between the two moments, for "localhost" too. */
    public static Issued issue(Issued ca, String name, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        X509Certificate certificate = build(name, ca, keys, notBefore, notAfter, false, "localhost");
        return new Issued(keys, List.of(certificate, ca.certificate()));
    }

    private static X509Certificate build(String name, Issued issuer, KeyPair keys, Instant notBefore,
            Instant notAfter, boolean ca, String dnsName) {
        try {
            X500Principal subject = new X500Principal(new X500Name(name).getEncoded());
            JcaX509v3CertificateBuilder builder = issuer == null
                    ? new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    : new JcaX509v3CertificateBuilder(issuer.certificate(), BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0)
                    : new BasicConstraints(false));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, dnsName),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            KeyPair signer = issuer == null ? keys : issuer.keys();
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot make a test certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
