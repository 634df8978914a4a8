package org.opengateway.intake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.opengateway.document.Sha256;
import org.opengateway.tracking.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps what was refused before the gateway knew whose it was (no API key, or an unknown one), with the reason,
 * so that support can see what arrived.
 */
@Repository
public class RefusedSubmissions {

    private static final Logger log = LoggerFactory.getLogger(RefusedSubmissions.class);

    private final JdbcClient jdbc;

    public RefusedSubmissions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID record(Channel channel, String reason, String remote, byte[] content) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO refused_submission (id, channel, reason, remote, document_sha256, document_size, content,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, channel.name(), reason, remote, Sha256.hex(content), content.length, content,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        log.warn("Refused a submission over {} from {}: {} (kept as refused submission {})", channel, remote, reason, id);
        return id;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM refused_submission").query(Long.class).single();
    }
}
