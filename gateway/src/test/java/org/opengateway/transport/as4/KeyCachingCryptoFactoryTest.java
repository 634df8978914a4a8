package org.opengateway.transport.as4;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.phase4.crypto.ECryptoMode;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import org.apache.wss4j.common.crypto.Crypto;
import org.junit.jupiter.api.Test;
import org.opengateway.config.GatewayProperties;
import org.opengateway.testing.SampleKeys;

/** Our key is taken out of its PKCS#12 store once, not for every message signed or decrypted. */
class KeyCachingCryptoFactoryTest {

    private final As4Keys keys = As4Keys.load(new GatewayProperties.As4(SampleKeys.file("gateway-a.p12"), "test-only",
            "key", SampleKeys.file("truststore.p12"), "test-only"));

    @Test
    void everyMessageGetsTheSameDecryptedKeyForSigningAndDecrypting() throws Exception {
        IAS4CryptoFactory factory = keys.cryptoFactory();
        Crypto signing = factory.getCrypto(ECryptoMode.ENCRYPT_SIGN);
        Crypto decrypting = factory.getCrypto(ECryptoMode.DECRYPT_VERIFY);

        PrivateKey byAlias = signing.getPrivateKey("key", "test-only");
        PrivateKey byCertificate = decrypting.getPrivateKey(keys.certificate(), callbacks -> {
            for (var callback : callbacks) {
                ((org.apache.wss4j.common.ext.WSPasswordCallback) callback).setPassword("test-only");
            }
        });

        // a PKCS#12 store hands out a newly decrypted key object on every read; the cache hands out one
        assertThat(signing.getPrivateKey("key", "test-only")).isSameAs(byAlias);
        assertThat(byCertificate).isSameAs(byAlias);
        // and it is the key of our certificate
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(byAlias);
        signer.update("invoice".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.certificate());
        verifier.update("invoice".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();
    }
}
