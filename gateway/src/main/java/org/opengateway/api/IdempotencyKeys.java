package org.opengateway.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The first answer to each {@code Idempotency-Key} of a company, kept for a day so a repeat gets it again. */
@Repository
public class IdempotencyKeys {

    public record Answer(String requestSha256, int status, String body, UUID invoiceId) {
    }

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Answer> find(UUID companyId, String key) {
        return jdbc.sql("SELECT request_sha256, response_status, response_body, invoice_id FROM idempotency_key"
                        + " WHERE company_id = ? AND idem_key = ?")
                .params(companyId, key)
                .query((rs, n) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getObject(4, UUID.class)))
                .optional();
    }

    /** Remembers the answer, or returns the one another request with the same key stored first. */
    public Answer remember(UUID companyId, String key, Answer answer) {
        try {
            jdbc.sql("INSERT INTO idempotency_key (company_id, idem_key, request_sha256, response_status, response_body,"
                            + " invoice_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(companyId, key, answer.requestSha256(), answer.status(), answer.body(), answer.invoiceId(),
                            OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
            return answer;
        } catch (DuplicateKeyException raced) {
            return find(companyId, key).orElseThrow(() -> raced);
        }
    }

    /** Forgets keys older than the retention; safe to run on several nodes at once. */
    public int forgetOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minus(retention))
                .update();
    }
}
