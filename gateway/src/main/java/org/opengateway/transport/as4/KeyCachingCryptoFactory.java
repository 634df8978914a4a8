package org.opengateway.transport.as4;

import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoMode;
import java.security.KeyStore;
import org.apache.wss4j.common.crypto.Merlin;

/**
 * phase4's in-memory crypto factory, with WSS4J's private-key cache switched on. Without it, every message signed or
 * decrypted takes the key out of the PKCS#12 store again, and each time that derives the store's key from its password
 * (PBKDF2, 10,000 rounds): about 4 ms of CPU, more than the RSA operation the key is needed for. The key stays in
 * memory either way; the cache only keeps it decrypted.
 */
final class KeyCachingCryptoFactory extends AS4CryptoFactoryInMemoryKeyStore {

    KeyCachingCryptoFactory(KeyStore keyStore, String keyAlias, char[] keyPassword, KeyStore trustStore) {
        super(keyStore, keyAlias, keyPassword, trustStore);
        // phase4 makes one Merlin per factory on first use; made here, once, so that every message shares its cache
        ((Merlin) getCrypto(ECryptoMode.ENCRYPT_SIGN)).setEnablePrivateKeyCaching(true);
    }
}
