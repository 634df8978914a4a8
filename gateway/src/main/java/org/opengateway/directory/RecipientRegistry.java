package org.opengateway.directory;

import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.peppolid.peppol.PeppolIdentifierHelper;
import com.helger.peppolid.peppol.doctype.EPredefinedDocumentTypeIdentifier;
import com.helger.peppolid.peppol.process.EPredefinedProcessIdentifier;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.company.ReceiverSetup;
import org.opengateway.document.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a company a receiver in the Peppol network, changes what it receives, or ends it: its participant IDs
 * published in our SMP with the document types it accepts (pointing at our AS4 endpoint), and registered in the SML.
 */
@Service
public class RecipientRegistry implements ReceiverSetup {

    private static final Logger log = LoggerFactory.getLogger(RecipientRegistry.class);
    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final Set<String> KNOWN_DOCUMENT_TYPES = new LinkedHashSet<>(
            Arrays.stream(EPredefinedDocumentTypeIdentifier.values()).map(EPredefinedDocumentTypeIdentifier::getValue)
                    .toList());
    private static final Set<String> KNOWN_PROCESSES = new LinkedHashSet<>(
            Arrays.stream(EPredefinedProcessIdentifier.values()).map(EPredefinedProcessIdentifier::getValue).toList());

    /** A document type the company receives, in one process; both as Peppol IDs with their schemes. */
    public record DocumentType(String documentType, String process) {
    }

    /** What a company receives: its registered participant IDs and, for each of them, these document types. */
    public record Registration(UUID companyId, List<String> participants, List<DocumentType> documentTypes,
            OffsetDateTime registeredAt, String sml) {
    }

    /** A registration that cannot be made; {@code conflict} when another company holds a participant ID. */
    public static class Refused extends RuntimeException {
        public enum Kind { BAD_INPUT, CONFLICT, SML_FAILED }

        private final Kind kind;

        Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final JdbcClient jdbc;
    private final AcceptedDocumentTypes accepted;
    private final SmlRegistration sml;
    private final PartyLookupCache lookups;

    public RecipientRegistry(JdbcClient jdbc, AcceptedDocumentTypes accepted, SmlRegistration sml,
            PartyLookupCache lookups) {
        this.jdbc = jdbc;
        this.accepted = accepted;
        this.sml = sml;
        this.lookups = lookups;
    }

    /** The company's registration, if it receives anything. */
    public Optional<Registration> current(Company company) {
        List<ParticipantId> participants = registeredParticipants(company.id());
        if (participants.isEmpty()) {
            return Optional.empty();
        }
        List<DocumentType> types = accepted.list(participants.get(0)).stream()
                .map(row -> new DocumentType(row.documentTypeScheme() + "::" + row.documentType(),
                        row.processScheme() + "::" + row.process()))
                .toList();
        OffsetDateTime since = jdbc.sql("SELECT MIN(registered_at) FROM recipient_participant WHERE company_id = ?")
                .param(company.id()).query(OffsetDateTime.class).single();
        return Optional.of(new Registration(company.id(), participants.stream().map(ParticipantId::toString).toList(),
                types, since, sml.describe()));
    }

    /**
     * Registers the company as a receiver, or changes its registration to exactly this: participant IDs no longer
     * named are removed from our SMP and the SML.
     *
     * @param participantIds empty: the company's own participant IDs
     * @param documentTypes empty: Peppol BIS Billing 3.0 invoice and credit note
     */
    @Transactional
    public Registration register(Company company, List<String> participantIds, List<DocumentType> documentTypes) {
        List<ParticipantId> participants = participants(company, participantIds);
        List<DocumentType> types = documentTypes(documentTypes);
        for (ParticipantId participant : participants) {
            claim(company, participant);
        }
        List<ParticipantId> before = registeredParticipants(company.id());
        for (ParticipantId gone : before) {
            if (!participants.contains(gone)) {
                unregister(gone);
            }
        }
        for (ParticipantId participant : participants) {
            accepted.list(participant).forEach(accepted::remove);
            for (DocumentType type : types) {
                accepted.add(row(participant, type));
            }
            if (!before.contains(participant)) {
                jdbc.sql("INSERT INTO recipient_participant (participant, company_id, registered_at) VALUES (?, ?, ?)")
                        .params(participant.toString(), company.id(), OffsetDateTime.now(ZoneOffset.UTC)).update();
                call(() -> sml.register(participant));
            }
            lookups.forget(participant);
        }
        log.info("Company '{}' receives {} document types at {}, published in our SMP and {}", company.slug(),
                types.size(), participants, sml.describe());
        return current(company).orElseThrow();
    }

    /** Ends the company's registration: out of our SMP and the SML. Answers whether there was one. */
    @Transactional
    public boolean remove(Company company) {
        List<ParticipantId> registered = registeredParticipants(company.id());
        registered.forEach(this::unregister);
        if (!registered.isEmpty()) {
            log.info("Company '{}' no longer receives at {}: removed from our SMP and {}", company.slug(), registered,
                    sml.describe());
        }
        return !registered.isEmpty();
    }

    /**
     * For the demo companies. Runs without a transaction of its own (a call within this class), so that a demo
     * company stays published in our SMP even when the SML of a Peppol network refuses it.
     */
    @Override
    public void receiveWithDefaults(Company company) {
        try {
            register(company, List.of(), List.of());
        } catch (Refused e) {
            log.warn("Company '{}' is published in our SMP but not registered in the SML: {} Register it again with"
                    + " PUT /api/v1/companies/{}/recipient once that is fixed.", company.slug(), e.getMessage(),
                    company.id());
        }
    }

    private void unregister(ParticipantId participant) {
        accepted.list(participant).forEach(accepted::remove);
        jdbc.sql("DELETE FROM recipient_participant WHERE participant = ?").param(participant.toString()).update();
        call(() -> sml.remove(participant));
        lookups.forget(participant);
    }

    /** The participant becomes the company's, unless another company holds it. */
    private void claim(Company company, ParticipantId participant) {
        Optional<UUID> owner = jdbc.sql("SELECT company_id FROM company_participant WHERE participant = ?")
                .param(participant.toString()).query(UUID.class).optional();
        if (owner.isPresent() && !owner.get().equals(company.id())) {
            throw new Refused(Refused.Kind.CONFLICT, "participants: " + participant + " is already registered by"
                    + " another company of this gateway. Check the number; if it is yours, ask the operator to move it.");
        }
        if (owner.isEmpty()) {
            jdbc.sql("INSERT INTO company_participant (participant, company_id) VALUES (?, ?)")
                    .params(participant.toString(), company.id()).update();
        }
    }

    private List<ParticipantId> registeredParticipants(UUID companyId) {
        return jdbc.sql("SELECT participant FROM recipient_participant WHERE company_id = ? ORDER BY participant")
                .param(companyId).query(String.class).list().stream().map(ParticipantId::parse).toList();
    }

    private static List<ParticipantId> participants(Company company, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            if (company.participants().isEmpty()) {
                throw new Refused(Refused.Kind.BAD_INPUT, "participants is missing, and the company has no participant"
                        + " ID yet. Give one, e.g. [\"0007:5567321707\"].");
            }
            return company.participants();
        }
        List<ParticipantId> participants = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ParticipantId participant = participantId("participants[" + i + "]", ids.get(i));
            if (!participants.contains(participant)) {
                participants.add(participant);
            }
        }
        return participants;
    }

    /** A participant ID as Peppol allows it: a four-digit ISO 6523 scheme (ICD), a colon, and the number. */
    public static ParticipantId participantId(String field, String id) {
        String problem = field + ": '" + id + "' is not a Peppol participant ID. Write it as the four-digit scheme"
                + " of the registry, a colon and the number, e.g. 0007:5567321707.";
        if (id == null) {
            throw new Refused(Refused.Kind.BAD_INPUT, field + " is missing.");
        }
        ParticipantId participant;
        try {
            participant = ParticipantId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.BAD_INPUT, problem);
        }
        if (!participant.scheme().matches("\\d{4}") || !participant.value().matches("[0-9a-z][0-9a-z\\-._]*")
                || IDS.createParticipantIdentifier(PeppolIdentifierHelper.PARTICIPANT_SCHEME_ISO6523_ACTORID_UPIS,
                        participant.toString()) == null) {
            throw new Refused(Refused.Kind.BAD_INPUT, problem);
        }
        return participant;
    }

    private static List<DocumentType> documentTypes(List<DocumentType> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of(
                    new DocumentType(AcceptedDocumentType.DOCUMENT_TYPE_SCHEME + "::" + AcceptedDocumentType.BILLING_INVOICE,
                            billingProcess()),
                    new DocumentType(AcceptedDocumentType.DOCUMENT_TYPE_SCHEME + "::"
                            + AcceptedDocumentType.BILLING_CREDIT_NOTE, billingProcess()));
        }
        List<DocumentType> types = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            DocumentType type = requested.get(i);
            String field = "documentTypes[" + i + "]";
            if (type == null || type.documentType() == null || type.documentType().isBlank()) {
                throw new Refused(Refused.Kind.BAD_INPUT, field + ".documentType is missing.");
            }
            String value = AcceptedDocumentType.documentTypeValue(type.documentType());
            if (!KNOWN_DOCUMENT_TYPES.contains(value)) {
                throw new Refused(Refused.Kind.BAD_INPUT, field + ".documentType: '" + type.documentType()
                        + "' is not a document type of the Peppol code lists. Use its full ID, e.g. "
                        + AcceptedDocumentType.BILLING_INVOICE + ".");
            }
            String process = type.process() == null || type.process().isBlank() ? AcceptedDocumentType.BILLING_PROCESS
                    : AcceptedDocumentType.processValue(type.process());
            if (!KNOWN_PROCESSES.contains(process)) {
                throw new Refused(Refused.Kind.BAD_INPUT, field + ".process: '" + type.process()
                        + "' is not a process of the Peppol code lists, e.g. " + AcceptedDocumentType.BILLING_PROCESS
                        + ".");
            }
            DocumentType normal = new DocumentType(AcceptedDocumentType.DOCUMENT_TYPE_SCHEME + "::" + value,
                    AcceptedDocumentType.PROCESS_SCHEME + "::" + process);
            if (!types.contains(normal)) {
                types.add(normal);
            }
        }
        return types;
    }

    private static String billingProcess() {
        return AcceptedDocumentType.PROCESS_SCHEME + "::" + AcceptedDocumentType.BILLING_PROCESS;
    }

    private static AcceptedDocumentType row(ParticipantId participant, DocumentType type) {
        return AcceptedDocumentType.of(participant, AcceptedDocumentType.documentTypeValue(type.documentType()),
                AcceptedDocumentType.processValue(type.process()));
    }

    private interface SmlCall {
        void run() throws SmlRegistration.SmlException;
    }

    private static void call(SmlCall call) {
        try {
            call.run();
        } catch (SmlRegistration.SmlException e) {
            // thrown inside the transaction: our SMP keeps what it had, so SMP and SML do not disagree
            throw new Refused(Refused.Kind.SML_FAILED, e.getMessage());
        }
    }
}
