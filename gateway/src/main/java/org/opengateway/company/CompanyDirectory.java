package org.opengateway.company;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.document.ParticipantId;
import org.opengateway.document.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The companies, their participant IDs and their API keys, as stored in the database. */
@Repository
public class CompanyDirectory {

    private static final String KEY_PREFIX = "gw_";

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public CompanyDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Company register(String slug, String name, String orgNumber, List<ParticipantId> participants) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO company (id, slug, name, org_number, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, slug, name, orgNumber, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        for (ParticipantId participant : participants) {
            jdbc.sql("INSERT INTO company_participant (participant, company_id) VALUES (?, ?)")
                    .params(participant.toString(), id)
                    .update();
        }
        return new Company(id, slug, name, orgNumber, List.copyOf(participants));
    }

    /** Makes a new API key for the company and returns it; only its hash is stored, so this is the one chance to see it. */
    public String createApiKey(UUID companyId, String label) {
        return issueApiKey(companyId, label).key();
    }

    /** As {@link #createApiKey}, with the id the key is listed and revoked by. */
    public IssuedApiKey issueApiKey(UUID companyId, String label) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String lastFour = key.substring(key.length() - 4);
        jdbc.sql("INSERT INTO api_key (key_hash, id, company_id, label, last_four, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Sha256.hex(key.getBytes(StandardCharsets.UTF_8)), id, companyId, label, lastFour, now)
                .update();
        return new IssuedApiKey(id, key, new ApiKeyInfo(id, label, lastFour, now, null));
    }

    /** The company's API keys, newest first, revoked ones too; never the key or its hash. */
    public List<ApiKeyInfo> apiKeys(UUID companyId) {
        return jdbc.sql("SELECT id, label, last_four, created_at, revoked_at FROM api_key WHERE company_id = ?"
                        + " ORDER BY created_at DESC, id")
                .param(companyId)
                .query((rs, n) -> new ApiKeyInfo(rs.getObject("id", UUID.class), rs.getString("label"),
                        rs.getString("last_four"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("revoked_at", OffsetDateTime.class)))
                .list();
    }

    /** Revokes one of the company's keys; false when the company has no such key. Revoking twice changes nothing. */
    public boolean revokeApiKey(UUID companyId, UUID keyId) {
        jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE company_id = ? AND id = ? AND revoked_at IS NULL")
                .params(OffsetDateTime.now(ZoneOffset.UTC), companyId, keyId)
                .update();
        return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE company_id = ? AND id = ?").params(companyId, keyId)
                .query(Long.class).single() > 0;
    }

    public Optional<Company> findByApiKey(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String hash = Sha256.hex(key.trim().getBytes(StandardCharsets.UTF_8));
        return jdbc.sql("SELECT company_id FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(hash)
                .query(UUID.class)
                .optional()
                .flatMap(this::findById);
    }

    public Optional<Company> findById(UUID id) {
        return jdbc.sql("SELECT id, slug, name, org_number FROM company WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Company(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("name"), rs.getString("org_number"), List.of()))
                .optional()
                .map(this::withParticipants);
    }

    public Optional<Company> findBySlug(String slug) {
        return jdbc.sql("SELECT id FROM company WHERE slug = ?").param(slug).query(UUID.class).optional()
                .flatMap(this::findById);
    }

    /** The company that owns a participant ID (each participant belongs to one company at most). */
    public Optional<Company> findByParticipant(ParticipantId participant) {
        return jdbc.sql("SELECT company_id FROM company_participant WHERE participant = ?")
                .param(participant.toString())
                .query(UUID.class)
                .optional()
                .flatMap(this::findById);
    }

    public List<Company> all() {
        return jdbc.sql("SELECT id FROM company ORDER BY created_at, slug").query(UUID.class).list().stream()
                .map(id -> findById(id).orElseThrow())
                .toList();
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM company").query(Long.class).single() == 0;
    }

    private Company withParticipants(Company company) {
        List<ParticipantId> participants = jdbc
                .sql("SELECT participant FROM company_participant WHERE company_id = ? ORDER BY participant")
                .param(company.id())
                .query(String.class)
                .list().stream()
                .map(ParticipantId::parse)
                .toList();
        return new Company(company.id(), company.slug(), company.name(), company.orgNumber(), participants);
    }
}
