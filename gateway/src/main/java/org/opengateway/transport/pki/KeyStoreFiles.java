package org.opengateway.transport.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** Opens the PKCS#12 key and trust stores the settings name, with errors that say which setting to fix. */
public final class KeyStoreFiles {

    private KeyStoreFiles() {
    }

    /**
     * @param setting the property that named the file, e.g. {@code gateway.as4.keystore}
     */
    public static KeyStore read(Path file, String password, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The key store " + file.toAbsolutePath() + " (" + setting + ") does not"
                    + " exist. The defaults point into keystore-sample/ and work when the gateway is started from the"
                    + " project folder; elsewhere set " + setting + " to your key store.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the key store " + file.toAbsolutePath() + ": "
                    + e.getMessage() + ". Check " + setting + " and its password.", e);
        }
    }
}
