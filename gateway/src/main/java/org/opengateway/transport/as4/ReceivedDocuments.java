package org.opengateway.transport.as4;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.opengateway.document.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The documents received over AS4, kept in the database before the receipt goes back to the sender. */
@Repository
public class ReceivedDocuments {

    private static final Logger log = LoggerFactory.getLogger(ReceivedDocuments.class);

    private final JdbcClient jdbc;

    public ReceivedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@link #store} did: stored it now, or had it already under the same AS4 message ID. */
    public enum Outcome { STORED, ALREADY_STORED }

    /** Stores the document once per AS4 message ID; committed when this returns. */
    public Outcome store(ReceivedDocument document) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("INSERT INTO received_document (id, as4_message_id, sbdh_instance_id, sender_participant,"
                            + " receiver_participant, document_type, process, sending_access_point, document_sha256,"
                            + " content, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, document.as4MessageId(), document.sbdhInstanceId(), document.sender(),
                            document.receiver(), document.documentType(), document.process(),
                            document.sendingAccessPoint(), Sha256.hex(document.content()), document.content(),
                            OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            log.info("AS4 message {} from {} was received before; it is stored once", document.as4MessageId(),
                    document.sendingAccessPoint());
            return Outcome.ALREADY_STORED;
        }
        log.info("Received document {} over AS4 (message {}) from {} for {}, stored as {}",
                document.sbdhInstanceId(), document.as4MessageId(), document.sender(), document.receiver(), id);
        return Outcome.STORED;
    }

    public long countByAs4MessageId(String as4MessageId) {
        return jdbc.sql("SELECT COUNT(*) FROM received_document WHERE as4_message_id = ?")
                .param(as4MessageId).query(Long.class).single();
    }

    public long countBySbdhInstanceId(String sbdhInstanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM received_document WHERE sbdh_instance_id = ?")
                .param(sbdhInstanceId).query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM received_document").query(Long.class).single();
    }
}
