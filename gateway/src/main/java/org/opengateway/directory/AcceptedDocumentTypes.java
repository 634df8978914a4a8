package org.opengateway.directory;

import com.helger.peppolid.factory.PeppolIdentifierFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.document.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which document types our participants receive: what our SMP publishes, and what AS4 receiving accepts. A participant
 * must belong to a company of ours.
 */
@Repository
public class AcceptedDocumentTypes {

    private static final String COLUMNS = "participant, document_type_scheme, document_type, process_scheme, process";

    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;

    private final JdbcClient jdbc;

    public AcceptedDocumentTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the row; adding one that is already there changes nothing. */
    @Transactional
    public void add(AcceptedDocumentType row) {
        // the identifier factory answers null for what Peppol does not allow as an identifier
        if (IDS.createDocumentTypeIdentifier(row.documentTypeScheme(), row.documentType()) == null) {
            throw new IllegalArgumentException("'" + row.documentTypeScheme() + "::" + row.documentType()
                    + "' is not a valid Peppol document type ID.");
        }
        if (IDS.createProcessIdentifier(row.processScheme(), row.process()) == null) {
            throw new IllegalArgumentException("'" + row.processScheme() + "::" + row.process()
                    + "' is not a valid Peppol process ID.");
        }
        if (!belongsToACompany(row.participant())) {
            throw new IllegalArgumentException("The participant " + row.participant()
                    + " belongs to no company of this gateway, so it cannot receive documents here.");
        }
        if (!exists(row)) {
            jdbc.sql("INSERT INTO accepted_document_type (" + COLUMNS + ", added_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(row.participant().toString(), row.documentTypeScheme(), row.documentType(),
                            row.processScheme(), row.process(), OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
        }
    }

    /** Removes the row; answers whether there was one. */
    public boolean remove(AcceptedDocumentType row) {
        return jdbc.sql("DELETE FROM accepted_document_type WHERE participant = ? AND document_type_scheme = ?"
                        + " AND document_type = ? AND process_scheme = ? AND process = ?")
                .params(row.participant().toString(), row.documentTypeScheme(), row.documentType(),
                        row.processScheme(), row.process())
                .update() > 0;
    }

    /** Everything the participant receives, by document type and process. */
    public List<AcceptedDocumentType> list(ParticipantId participant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accepted_document_type WHERE participant = ?"
                        + " ORDER BY document_type_scheme, document_type, process_scheme, process")
                .param(participant.toString())
                .query((rs, n) -> new AcceptedDocumentType(ParticipantId.parse(rs.getString("participant")),
                        rs.getString("document_type_scheme"), rs.getString("document_type"),
                        rs.getString("process_scheme"), rs.getString("process")))
                .list();
    }

    /** Everything the company's participants receive. */
    public List<AcceptedDocumentType> list(Company company) {
        return company.participants().stream().flatMap(participant -> list(participant).stream()).toList();
    }

    /**
     * Whether the participant receives this document type (in any process). The document type may be given with or
     * without its {@code busdox-docid-qns::} scheme.
     */
    public boolean accepts(ParticipantId participant, String documentTypeId) {
        return jdbc.sql("SELECT COUNT(*) FROM accepted_document_type WHERE participant = ? AND document_type = ?")
                .params(participant.toString(), AcceptedDocumentType.documentTypeValue(documentTypeId))
                .query(Long.class).single() > 0;
    }

    /**
     * Whether the participant receives this document type in this process: what AS4 receiving lets through. Both may
     * be given with or without their scheme.
     */
    public boolean accepts(ParticipantId participant, String documentTypeId, String processId) {
        return jdbc.sql("SELECT COUNT(*) FROM accepted_document_type WHERE participant = ? AND document_type = ?"
                        + " AND process = ?")
                .params(participant.toString(), AcceptedDocumentType.documentTypeValue(documentTypeId),
                        AcceptedDocumentType.processValue(processId))
                .query(Long.class).single() > 0;
    }

    /** The company that receives for the participant: the one it belongs to, if it receives any document type. */
    public Optional<UUID> serves(ParticipantId participant) {
        return jdbc.sql("SELECT p.company_id FROM company_participant p WHERE p.participant = ?"
                        + " AND EXISTS (SELECT 1 FROM accepted_document_type a WHERE a.participant = p.participant)")
                .param(participant.toString())
                .query(UUID.class)
                .optional();
    }

    /** Gives every participant of the company the Peppol BIS Billing 3.0 invoice and credit note. */
    @Transactional
    public void acceptBillingDefaults(Company company) {
        company.participants().forEach(participant -> AcceptedDocumentType.billingDefaults(participant)
                .forEach(this::add));
    }

    /** Whether any participant of the company receives anything. */
    public boolean receivesAnything(Company company) {
        return company.participants().stream().anyMatch(participant -> !list(participant).isEmpty());
    }

    private boolean exists(AcceptedDocumentType row) {
        return jdbc.sql("SELECT COUNT(*) FROM accepted_document_type WHERE participant = ? AND document_type_scheme = ?"
                        + " AND document_type = ? AND process_scheme = ? AND process = ?")
                .params(row.participant().toString(), row.documentTypeScheme(), row.documentType(),
                        row.processScheme(), row.process())
                .query(Long.class).single() > 0;
    }

    private boolean belongsToACompany(ParticipantId participant) {
        return jdbc.sql("SELECT COUNT(*) FROM company_participant WHERE participant = ?")
                .param(participant.toString()).query(Long.class).single() > 0;
    }
}
