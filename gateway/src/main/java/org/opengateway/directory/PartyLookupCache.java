package org.opengateway.directory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opengateway.document.ParticipantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Party lookup answers, kept in the database for {@code gateway.directory.lookup-cache-for} so every node shares them,
 * with a short-lived copy in memory in front (at most a minute, so that a change made on another node shows soon).
 */
@Component
public class PartyLookupCache {

    private static final Duration MEMORY_AT_MOST = Duration.ofMinutes(1);
    private static final int MEMORY_LIMIT = 20_000;

    private record Kept(PartyAnswer answer, Instant until) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Duration keepFor;
    private final Map<String, Kept> memory = new ConcurrentHashMap<>();

    public PartyLookupCache(JdbcClient jdbc, JsonMapper json, DirectorySettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.keepFor = settings.lookupCacheFor();
    }

    Optional<PartyAnswer> get(ParticipantId participant) {
        Instant now = Instant.now();
        Kept kept = memory.get(participant.toString());
        if (kept != null && kept.until().isAfter(now)) {
            return Optional.of(kept.answer().fromCache());
        }
        Optional<Kept> stored = jdbc.sql("SELECT answer, expires_at FROM party_lookup_cache WHERE participant = ?"
                        + " AND expires_at > ?")
                .params(participant.toString(), now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Kept(json.readValue(rs.getString("answer"), PartyAnswer.class),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
        stored.ifPresent(found -> remember(participant, found.answer(), found.until()));
        return stored.map(found -> found.answer().fromCache());
    }

    void put(ParticipantId participant, PartyAnswer answer) {
        if (keepFor.isZero() || answer.reach() == PartyAnswer.Reach.LOOKUP_FAILED) {
            return;
        }
        Instant until = answer.checkedAt().plus(keepFor);
        String text = json.writeValueAsString(answer);
        OffsetDateTime expires = until.atOffset(ZoneOffset.UTC);
        // another node may store the same participant at the same moment: update, else insert, else update again
        if (update(participant, text, expires) == 0) {
            try {
                jdbc.sql("INSERT INTO party_lookup_cache (participant, answer, expires_at) VALUES (?, ?, ?)")
                        .params(participant.toString(), text, expires).update();
            } catch (DuplicateKeyException e) {
                update(participant, text, expires);
            }
        }
        remember(participant, answer, until);
    }

    /** Forgets what was known about the participant (its registration here changed). */
    void forget(ParticipantId participant) {
        memory.remove(participant.toString());
        jdbc.sql("DELETE FROM party_lookup_cache WHERE participant = ?").param(participant.toString()).update();
    }

    /** Drops expired answers; safe on several nodes at once. */
    public int forgetExpired() {
        memory.values().removeIf(kept -> kept.until().isBefore(Instant.now()));
        return jdbc.sql("DELETE FROM party_lookup_cache WHERE expires_at <= ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    private int update(ParticipantId participant, String text, OffsetDateTime expires) {
        return jdbc.sql("UPDATE party_lookup_cache SET answer = ?, expires_at = ? WHERE participant = ?")
                .params(text, expires, participant.toString()).update();
    }

    private void remember(ParticipantId participant, PartyAnswer answer, Instant until) {
        if (memory.size() >= MEMORY_LIMIT) {
            memory.clear();
        }
        Instant memoryUntil = Instant.now().plus(MEMORY_AT_MOST);
        memory.put(participant.toString(), new Kept(answer, until.isBefore(memoryUntil) ? until : memoryUntil));
    }
}
