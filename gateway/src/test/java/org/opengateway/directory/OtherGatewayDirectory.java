package org.opengateway.directory;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The party lookup of another gateway: its own, empty database (H2 in memory, with our migrations), none of our
 * companies, and a fixed SMP to ask (the gateway under test, over HTTP). To it, our companies are parties elsewhere in
 * Peppol.
 */
public final class OtherGatewayDirectory {

    private final PartyLookup lookup;
    private final JdbcClient jdbc;

    public OtherGatewayDirectory(URI smp, KeyStore smpTrust, Duration cacheFor) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:other-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        database.setUser("other");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database);
        var settings = new DirectorySettings(cacheFor, new DirectorySettings.Sml(null, null, Duration.ofSeconds(5)),
                Duration.ofMinutes(2));
        var cache = new PartyLookupCache(jdbc, JsonMapper.builder().build(), settings);
        var network = new PartyLookup.Network(new SmpLocator.Fixed(() -> smp), smpTrust, Duration.ofSeconds(10),
                Optional.empty());
        lookup = new PartyLookup(jdbc, new AcceptedDocumentTypes(jdbc), () -> "http://other.invalid/as4", network,
                cache);
    }

    public PartyLookup lookup() {
        return lookup;
    }

    /** Whether the cached answer for the participant expires between these times from now. */
    public boolean cacheExpiresWithin(org.opengateway.document.ParticipantId participant, Duration from, Duration to) {
        var now = java.time.OffsetDateTime.now();
        return jdbc.sql("SELECT COUNT(*) FROM party_lookup_cache WHERE participant = ? AND expires_at > ?"
                        + " AND expires_at < ?")
                .params(participant.toString(), now.plus(from), now.plus(to)).query(Long.class).single() == 1;
    }

    /** How many answers its cache holds. */
    public long cachedAnswers() {
        return jdbc.sql("SELECT COUNT(*) FROM party_lookup_cache").query(Long.class).single();
    }
}
