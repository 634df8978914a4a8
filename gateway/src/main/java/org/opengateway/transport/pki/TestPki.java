package org.opengateway.transport.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the test PKI of {@code keystore-sample/}: a root CA, an access-point CA under it, access-point certificates
 * for two gateway instances and an SMP certificate, all RSA 2048 with SHA-256, valid for 30 years. Access-point
 * certificates are named like Peppol seat IDs ({@code P} + two letters + six digits), as phase4 expects.
 * For tests and the {@code local} network mode only: the keys are published with the project.
 */
public final class TestPki {

    /** The password of every key store made here; these keys are public test keys. */
    public static final String PASSWORD = "test-only";
    public static final String KEY_ALIAS = "key";
    public static final List<String> GATEWAYS = List.of("gateway-a", "gateway-b");
    private static final Duration VALIDITY = Duration.ofDays(365L * 30);
    /** The organisation in every certificate of a test PKI made here. */
    public static final String ORGANISATION_NAME = "Open Gateway Test PKI";
    // written most significant first, as encoded: shown as "CN=..., O=..., C=SE"
    private static final String ORGANISATION = "C=SE,O=" + ORGANISATION_NAME + ",";

    private final SecureRandom random = new SecureRandom();

    private record Issued(KeyPair keys, X509Certificate certificate) {
    }

    /** Writes the PKI into the folder: key stores (PKCS#12) and the CA certificates (PEM). */
    public void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Issued root = selfSigned(ORGANISATION + "CN=Open Gateway Test Root CA");
            Issued apCa = issue(root, ORGANISATION + "CN=Open Gateway Test Access Point CA", true);
            for (int i = 0; i < GATEWAYS.size(); i++) {
                Issued ap = issue(apCa, ORGANISATION + "CN=PSE00000" + (i + 1), false);
                keyStore(folder.resolve(GATEWAYS.get(i) + ".p12"), ap, apCa.certificate(), root.certificate());
            }
            Issued smp = issue(apCa, ORGANISATION + "CN=PSE000009 SMP", false);
            keyStore(folder.resolve("smp.p12"), smp, apCa.certificate(), root.certificate());
            trustStore(folder.resolve("truststore.p12"), root.certificate(), apCa.certificate());
            pem(folder.resolve("test-root-ca.pem"), root.certificate());
            pem(folder.resolve("test-ap-ca.pem"), apCa.certificate());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the test PKI into " + folder + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the test PKI: " + e.getMessage(), e);
        }
    }

    private Issued selfSigned(String name) throws GeneralSecurityException,
            org.bouncycastle.operator.OperatorCreationException, IOException {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name(name);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(),
                notAfter(), subject, keys.getPublic());
        caExtensions(builder, keys, null, 1);
        return new Issued(keys, sign(builder, keys));
    }

    private Issued issue(Issued issuer, String name, boolean ca) throws GeneralSecurityException,
            org.bouncycastle.operator.OperatorCreationException, IOException {
        KeyPair keys = keyPair();
        // the issuer taken from the issuing certificate itself, byte for byte, so key stores accept the chain
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                notBefore(), notAfter(), new javax.security.auth.x500.X500Principal(new X500Name(name).getEncoded()),
                keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
        if (ca) {
            caExtensions(builder, keys, utils, 0);
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        }
        return new Issued(keys, sign(builder, issuer.keys()));
    }

    private static void caExtensions(JcaX509v3CertificateBuilder builder, KeyPair keys, JcaX509ExtensionUtils utils,
            int pathLength) throws GeneralSecurityException, IOException {
        JcaX509ExtensionUtils extensions = utils == null ? new JcaX509ExtensionUtils() : utils;
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate());
        X509CertificateHolder holder = builder.build(contentSigner);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static void keyStore(Path file, Issued owner, X509Certificate... chain) throws GeneralSecurityException,
            IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        X509Certificate[] full = new X509Certificate[chain.length + 1];
        full[0] = owner.certificate();
        System.arraycopy(chain, 0, full, 1, chain.length);
        store.setKeyEntry(KEY_ALIAS, owner.keys().getPrivate(), PASSWORD.toCharArray(), full);
        save(store, file);
    }

    private static void trustStore(Path file, X509Certificate... trusted) throws GeneralSecurityException,
            IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate certificate : trusted) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        save(store, file);
    }

    private static void save(KeyStore store, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static void pem(Path file, X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }
}
