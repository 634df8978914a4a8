package org.opengateway.directory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.opengateway.document.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SML of the local network: a table that records which participants our SMP registered, shared by every node.
 * A lookup in the local network asks it first, as a Peppol sender asks the SML's DNS.
 */
public class LocalSml implements SmlRegistration {

    static final String SMP_ID = "local-smp";

    private final JdbcClient jdbc;

    public LocalSml(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(ParticipantId participant) {
        // an insert that adds nothing when the row is there, so two nodes may register the same participant at once
        jdbc.sql("INSERT INTO local_sml_participant (participant, smp_id, registered_at) SELECT ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM local_sml_participant WHERE participant = ?)")
                .params(participant.toString(), SMP_ID, OffsetDateTime.now(ZoneOffset.UTC), participant.toString())
                .update();
    }

    @Override
    public void remove(ParticipantId participant) {
        jdbc.sql("DELETE FROM local_sml_participant WHERE participant = ?").param(participant.toString()).update();
    }

    /** Whether the participant is registered, as the DNS of the SML would tell. */
    public boolean isRegistered(ParticipantId participant) {
        return jdbc.sql("SELECT COUNT(*) FROM local_sml_participant WHERE participant = ?")
                .param(participant.toString()).query(Long.class).single() > 0;
    }

    @Override
    public String describe() {
        return "the local SML";
    }
}
