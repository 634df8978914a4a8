package org.opengateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.opengateway.transport.pki.TestPki;

/** The public test keys of the project's keystore-sample/ folder (found from the module or the project folder). */
public final class SampleKeys {

    private SampleKeys() {
    }

    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("keystore-sample");
            if (Files.isRegularFile(candidate.resolve("truststore.p12"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No keystore-sample folder above " + Path.of("").toAbsolutePath());
    }

    public static Path file(String name) {
        return folder().resolve(name);
    }

    public static KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestPki.PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate certificate(Path keyStoreFile) {
        try {
            return (X509Certificate) load(keyStoreFile).getCertificate(TestPki.KEY_ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
