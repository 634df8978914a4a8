package org.opengateway.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Every {@code gateway.*} setting, bound once at start-up. */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("local") NetworkMode network,
        String publicUrl,
        @DefaultValue Intake intake,
        @DefaultValue Broker broker,
        @DefaultValue Demo demo,
        @DefaultValue As4 as4,
        @DefaultValue Tls tls,
        @DefaultValue Certificates certificates) {

    public record Intake(
            @DefaultValue("20MB") DataSize maxDocumentSize,
            @DefaultValue("24h") Duration idempotencyKeyRetention,
            @DefaultValue("500ms") Duration folderPollInterval) {
    }

    /**
     * The embedded broker's TCP listener, for ERP systems that submit over the queue (they log in with their API key),
     * and the optional login of the operator's own integrations.
     */
    public record Broker(
            @DefaultValue("true") boolean tcpEnabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("61616") int port,
            String operatorUser,
            String operatorPassword) {
    }

    /** The two demo companies created on the first start of an empty installation. */
    public record Demo(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The access point's own AS4 key (signs receipts, decrypts incoming messages; its certificate's CN is our Peppol
     * seat ID) and the trust store with the access-point CA that signs the certificates of the other access points.
     * The defaults are the public test keys of {@code keystore-sample/}, for the local network mode and the tests.
     */
    public record As4(
            @DefaultValue("keystore-sample/gateway-b.p12") Path keystore,
            @DefaultValue("test-only") String keystorePassword,
            @DefaultValue("key") String keyAlias,
            @DefaultValue("keystore-sample/truststore.p12") Path truststore,
            @DefaultValue("test-only") String truststorePassword) {
    }

    /**
     * HTTPS, which the Peppol networks require: served by the gateway itself with Spring Boot's {@code server.ssl.*},
     * or, with {@code offloaded=true}, by a reverse proxy in front of it (then {@code gateway.public-url} is https).
     */
    public record Tls(@DefaultValue("false") boolean offloaded) {
    }

    /** The gateway warns this many days before one of its own certificates (AS4, SMP, TLS) expires. */
    public record Certificates(@DefaultValue("30") int warnDays) {
    }

    public Path absoluteDataDir() {
        return dataDir.toAbsolutePath().normalize();
    }
}
