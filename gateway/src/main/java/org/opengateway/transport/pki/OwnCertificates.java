package org.opengateway.transport.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.opengateway.transport.pki.OwnCertificate.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.core.env.Environment;

/**
 * The gateway's own certificates, read once at start-up: the AS4 access-point certificate, the SMP certificate
 * ({@code gateway.smp.keystore}, when our SMP is set up) and the TLS certificate (when the gateway serves HTTPS itself
 * with {@code server.ssl.*}).
 *
 * @param all every certificate found
 * @param tlsServed the gateway serves HTTPS itself
 */
public record OwnCertificates(List<OwnCertificate> all, boolean tlsServed) {

    private static final Logger log = LoggerFactory.getLogger(OwnCertificates.class);

    public OwnCertificates {
        all = List.copyOf(all);
    }

    /**
     * Reads the SMP and TLS certificates from the configuration, beside the given access-point one.
     *
     * @param accessPoint our AS4 certificate chain and the file it came from
     * @param environment the settings ({@code gateway.smp.*}, {@code server.ssl.*})
     * @param bundles Spring Boot's SSL bundles, for {@code server.ssl.bundle}; may be null
     */
    public static OwnCertificates read(OwnCertificate accessPoint, Environment environment, SslBundles bundles) {
        List<OwnCertificate> all = new ArrayList<>();
        all.add(accessPoint);
        smp(environment).ifPresent(all::add);
        Optional<OwnCertificate> tls = tls(environment, bundles);
        tls.ifPresent(all::add);
        return new OwnCertificates(all, tls.isPresent());
    }

    /** Our certificates that could be read (a file that cannot be read has no certificate to look at). */
    public List<OwnCertificate> readable() {
        return all.stream().filter(own -> own.certificate() != null).toList();
    }

    /** The chain of the key under {@code alias} (or the first key when it has none there). */
    public static List<X509Certificate> chain(KeyStore store, String alias) throws GeneralSecurityException {
        String key = alias != null && store.isKeyEntry(alias) ? alias : null;
        if (key == null) {
            for (String candidate : Collections.list(store.aliases())) {
                if (store.isKeyEntry(candidate)) {
                    key = candidate;
                    break;
                }
            }
        }
        if (key == null) {
            return List.of();
        }
        Certificate[] chain = store.getCertificateChain(key);
        if (chain == null) {
            return List.of((X509Certificate) store.getCertificate(key));
        }
        return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    }

    private static Optional<OwnCertificate> smp(Environment environment) {
        String file = environment.getProperty("gateway.smp.keystore");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        String password = environment.getProperty("gateway.smp.keystore-password", "");
        String alias = environment.getProperty("gateway.smp.key-alias");
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            log.warn("The SMP key store {} (gateway.smp.keystore) does not exist; its certificate is not checked.",
                    path.toAbsolutePath());
            return Optional.of(new OwnCertificate(Kind.SMP, file, List.of()));
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return Optional.of(new OwnCertificate(Kind.SMP, file, chain(store, alias)));
        } catch (IOException | GeneralSecurityException e) {
            log.warn("Cannot read the SMP key store {} (gateway.smp.keystore, gateway.smp.keystore-password): {};"
                    + " its certificate is not checked.", path.toAbsolutePath(), e.getMessage());
            return Optional.of(new OwnCertificate(Kind.SMP, file, List.of()));
        }
    }

    private static Optional<OwnCertificate> tls(Environment environment, SslBundles bundles) {
        Ssl ssl = Binder.get(environment).bind("server.ssl", Ssl.class).orElse(null);
        if (!Ssl.isEnabled(ssl) || (ssl.getBundle() == null && ssl.getKeyStore() == null
                && ssl.getCertificate() == null)) {
            return Optional.empty();
        }
        String location = ssl.getBundle() != null ? "bundle " + ssl.getBundle()
                : ssl.getKeyStore() != null ? ssl.getKeyStore() : ssl.getCertificate();
        SslBundle bundle = bundles == null ? WebServerSslBundle.get(ssl) : WebServerSslBundle.get(ssl, bundles);
        KeyStore store = bundle.getStores().getKeyStore();
        try {
            return Optional.of(new OwnCertificate(Kind.TLS, location,
                    store == null ? List.of() : chain(store, bundle.getKey().getAlias())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the TLS key store (" + location + "): " + e.getMessage(), e);
        }
    }
}
