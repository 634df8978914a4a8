package org.opengateway.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recipient directory ({@code gateway.directory.*}): how long party lookups are remembered, and the SML our SMP
 * registers our recipients in.
 *
 * @param lookupCacheFor how long the answer of a party lookup is kept (in the database, for every node)
 * @param sml the SML of the Peppol networks; unused in the local network
 * @param importLease how long a node may hold a customer import before another node takes it over
 */
@ConfigurationProperties("gateway.directory")
public record DirectorySettings(
        @DefaultValue("1h") Duration lookupCacheFor,
        @DefaultValue Sml sml,
        @DefaultValue("2m") Duration importLease) {

    /**
     * @param smpId the ID our SMP was registered under at the SML (given by OpenPeppol's SMP registration)
     * @param url the SML's participant management service; empty: the SML of the network (SMK for peppol-test)
     * @param timeout how long a call to the SML may take
     */
    public record Sml(String smpId, String url, @DefaultValue("30s") Duration timeout) {
    }
}
