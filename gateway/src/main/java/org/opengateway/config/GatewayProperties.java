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
        @DefaultValue Intake intake,
        @DefaultValue Broker broker,
        @DefaultValue Demo demo) {

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

    public Path absoluteDataDir() {
        return dataDir.toAbsolutePath().normalize();
    }
}
