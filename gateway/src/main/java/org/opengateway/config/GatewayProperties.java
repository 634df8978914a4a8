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
        @DefaultValue Sending sending,
        @DefaultValue Receiving receiving,
        @DefaultValue Smp smp,
        @DefaultValue Tls tls,
        @DefaultValue Certificates certificates) {

    public record Intake(
            @DefaultValue("20MB") DataSize maxDocumentSize,
            @DefaultValue("24h") Duration idempotencyKeyRetention,
            @DefaultValue("500ms") Duration folderPollInterval) {
    }

    /**
     * The embedded broker's TCP listener, for ERP systems that submit over the queue (they log in with their API key),
     * the optional login of the operator's own integrations, and how much memory its messages may take before it
     * keeps further ones on disk only (a company that never reads its queue of received invoices must not fill the
     * gateway's memory).
     */
    public record Broker(
            @DefaultValue("true") boolean tcpEnabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("61616") int port,
            String operatorUser,
            String operatorPassword,
            @DefaultValue("32MB") DataSize memory) {
    }

    /**
     * The two demo companies created on the first start of an empty installation, with their Swedish organisation
     * numbers (participant IDs {@code 0007:<number>}). Two gateways on one machine are given different numbers, so
     * that each has companies of its own.
     */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5567321707") String senderOrgNumber,
            @DefaultValue("5564982212") String receiverOrgNumber) {
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
     * Sending accepted invoices over AS4. Only transient failures (the receiving access point or an SMP cannot be
     * reached, or is busy) are retried: after {@code firstDelay}, then each wait {@code multiplier} times longer up to
     * {@code maxDelay}, each with up to {@code jitter} of random spread, until {@code giveUpAfter} has passed since the
     * first attempt. The lease is how long an attempt may take before another node takes the invoice up; it must be
     * longer than the two timeouts together.
     */
    public record Sending(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4") int parallel,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration responseTimeout,
            @DefaultValue("SE") String defaultCountryC1,
            @DefaultValue Retry retry,
            @DefaultValue Circuit circuit) {

        public record Retry(
                @DefaultValue("1m") Duration firstDelay,
                @DefaultValue("2.0") double multiplier,
                @DefaultValue("2h") Duration maxDelay,
                @DefaultValue("25h") Duration giveUpAfter,
                @DefaultValue("0.2") double jitter) {
        }

        /** After {@code failures} transport failures in a row, nothing is sent to that access point for {@code openFor}. */
        public record Circuit(
                @DefaultValue("5") int failures,
                @DefaultValue("1m") Duration openFor) {
        }
    }

    /**
     * Documents received from the Peppol network: how long the AS4 message IDs seen are remembered (phase4's duplicate
     * check; the received documents themselves stay unique for good).
     */
    public record Receiving(@DefaultValue("30d") Duration messageIdRetention) {
    }

    /**
     * Our own SMP and the lookups of recipients. {@code keystore} signs our SMP's answers. A lookup asks {@code url}
     * when set; otherwise, in the local network mode, our own SMP; in the Peppol networks, the SMP that the SML names
     * in the DNS. {@code truststore} holds the CAs of the certificates that sign SMP answers; when empty, the test
     * PKI of {@code keystore-sample/} in the local mode, the Peppol SMP CAs (shipped with peppol-commons) otherwise.
     */
    public record Smp(
            @DefaultValue("keystore-sample/smp.p12") Path keystore,
            @DefaultValue("test-only") String keystorePassword,
            @DefaultValue("key") String keyAlias,
            String url,
            Path truststore,
            @DefaultValue("test-only") String truststorePassword,
            @DefaultValue("5m") Duration cacheFor,
            @DefaultValue("10s") Duration timeout,
            String technicalContactUrl) {
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
