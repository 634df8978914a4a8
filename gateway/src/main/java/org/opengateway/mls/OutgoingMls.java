package org.opengateway.mls;

import com.helger.peppol.sbdh.EPeppolMLSType;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.opengateway.directory.LookupResult;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.mls.MlsDecision.Decision;
import org.opengateway.mls.MlsDecision.Handover;
import org.opengateway.receiving.ReceivedRecord;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.tracking.FindingRows;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.opengateway.transport.as4.OutboundMessage;
import org.opengateway.transport.as4.SendOutcome;
import org.opengateway.transport.as4.SendOutcome.Delivered;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.transport.as4.ServiceProviderId;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our MLS as receiving access point: decides the one MLS of a received document ({@link MlsDecision}), builds it,
 * checks it with the official rules, and queues it in {@code mls_outbound} (one row per received document, so never
 * two); then sends what is due, like any document (SMP lookup of the MLS receiver, AS4, receipt), and tries again with
 * a growing wait until it is sent. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and held under a lease, so
 * several nodes share the work and a node that dies mid-send hands its MLS over.
 */
public class OutgoingMls {

    private static final Logger log = LoggerFactory.getLogger(OutgoingMls.class);
    /** A service provider ID as MLS allows it: 0242 and the digits of the seat ID, maybe with a sub-identifier. */
    private static final Pattern SPIS = Pattern.compile("0242:[0-9]{6}(-[0-9A-Z_]{3,12}(\\.[0-9A-Z\\-._~]{3,24})?)?");
    private static final int BATCH = 50;

    enum Status { PENDING, SENT, SUPPRESSED, INVALID }

    /** What the sender needs to send an MLS. */
    public record Collaborators(JdbcClient jdbc, TransactionTemplate transactions, MlsRules rules,
            RecipientLookup recipients, As4Sender sender, ReportingItems reporting) {
    }

    private record Claimed(UUID id, String mlsTo, String sbdhInstanceId, String as4MessageId, byte[] content,
            int attempts) {
    }

    private final Collaborators with;
    private final JdbcClient jdbc;
    private final MlsProperties settings;
    private final String seatId;

    public OutgoingMls(Collaborators with, MlsProperties settings, As4Keys keys) {
        this.with = with;
        this.jdbc = with.jdbc();
        this.settings = settings;
        this.seatId = keys.seatId();
    }

    /**
     * Decides and queues the MLS of a received document, if one is due now; a document already answered is not
     * answered again. {@code failure} says what went wrong for {@link Handover#FAILED}.
     */
    public void answer(ReceivedRecord document, byte[] content, ValidationReport report, Handover handover,
            String failure) {
        if (!settings.enabled() || answered(document.id())) {
            return;
        }
        try {
            decideAndQueue(document, content, report, handover, failure);
        } catch (RuntimeException e) {
            // the delivery to the company goes on; the document stays unanswered, which the service levels show
            log.error("Could not decide or queue the MLS of received document {}", document.id(), e);
        }
    }

    /**
     * A hand-over to the company failed again: once the document has waited longer than
     * {@code gateway.mls.failure-of-delivery-after}, the sender hears of it as a failure of delivery (FD), while the
     * delivery itself goes on being tried.
     */
    public void answerIfLongUndelivered(ReceivedRecord document, byte[] content, ValidationReport report,
            String problem) {
        if (document.receivedAt().plus(settings.failureOfDeliveryAfter())
                .isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return;
        }
        answer(document, content, report, Handover.FAILED, "The document could not be handed to the receiver: "
                + problem);
    }

    private void decideAndQueue(ReceivedRecord document, byte[] content, ValidationReport report, Handover handover,
            String failure) {
        // whether an MLS is due at all does not depend on what the sender asked for, and reading the envelope costs a
        // parse of the whole document: read only when one is
        if (MlsDecision.decide(document.documentType(), report, handover, failure, null).isEmpty()) {
            return;
        }
        Envelope envelope = Envelope.read(content);
        Optional<Decision> decision = MlsDecision.decide(document.documentType(), report, handover, failure,
                envelope.type());
        if (decision.isEmpty()) {
            return;
        }
        String mlsTo = envelope.mlsTo() != null ? envelope.mlsTo()
                : ServiceProviderId.isSeatId(document.sendingAccessPoint())
                        ? ServiceProviderId.of(document.sendingAccessPoint()) : null;
        if (mlsTo == null) {
            log.warn("Received document {} names no valid MLS_TO and came from '{}', which is no seat ID: no MLS can"
                    + " be sent for it", document.id(), document.sendingAccessPoint());
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        MlsStatus status = decision.get().status();
        UUID id = UUID.randomUUID();
        byte[] mls = MlsXml.write(id.toString(), ServiceProviderId.of(seatId), mlsTo, document.sbdhInstanceId(),
                status, now);
        // only what goes out is checked: the official rules cost real time, a kept-back MLS needs none
        List<Finding> findings = decision.get().send() ? with.rules().check(mls).stream()
                .filter(finding -> finding.severity() == Severity.FATAL).toList() : List.of();
        Status state = !findings.isEmpty() ? Status.INVALID : decision.get().send() ? Status.PENDING
                : Status.SUPPRESSED;
        if (state == Status.INVALID) {
            log.error("The MLS for received document {} fails the official rules and is not sent: {}", document.id(),
                    findings);
        }
        int inserted = jdbc.sql("INSERT INTO mls_outbound (id, received_id, document_received_at, decided_at,"
                        + " response_code, reasons, referenced_sbdh_id, mls_to, sbdh_instance_id, as4_message_id,"
                        + " content, status, attempts, due_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " 0, ?, ?) ON CONFLICT DO NOTHING")
                .params(id, document.id(), document.receivedAt(), now, status.code().name(),
                        FindingRows.truncate(status.issues().isEmpty() ? null : status.inWords(), 2000),
                        document.sbdhInstanceId(), mlsTo, UUID.randomUUID().toString(), id + "@mls-gateway", mls,
                        state.name(), state == Status.PENDING ? now : null,
                        state == Status.INVALID ? FindingRows.truncate(findings.toString(), 2000) : null)
                .update();
        if (inserted == 1) {
            log.info("Received document {} (SBDH {}): MLS {} to {} {}", document.id(), document.sbdhInstanceId(),
                    status.code(), mlsTo, state == Status.PENDING ? "queued" : state == Status.SUPPRESSED
                            ? "not sent: the sender asked for failures only" : "not sent: invalid");
        }
    }

    private boolean answered(UUID receivedId) {
        return jdbc.sql("SELECT COUNT(*) FROM mls_outbound WHERE received_id = ?").param(receivedId)
                .query(Long.class).single() > 0;
    }

    /** MLS_TO and MLS_TYPE of a received SBDH; an MLS_TO that is no service provider ID counts as absent. */
    record Envelope(String mlsTo, EPeppolMLSType type) {
        private static final String SBDH = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
        private static final XMLInputFactory STAX = XMLInputFactory.newDefaultFactory();

        static {
            STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        }

        /**
         * Reads the business scopes of the header only, and stops at its end: the SBDH was checked in full when the
         * document arrived, and a parse of the whole document cost as much as its validation.
         */
        static Envelope read(byte[] content) {
            Map<String, String[]> scopes = new HashMap<>();
            try {
                XMLStreamReader xml = STAX.createXMLStreamReader(new ByteArrayInputStream(content));
                try {
                    readScopes(xml, scopes);
                } finally {
                    xml.close();
                }
            } catch (XMLStreamException | RuntimeException unreadable) {
                return new Envelope(null, null);
            }
            String[] to = scopes.get("MLS_TO");
            String value = to == null || to[0] == null ? null : to[0].trim();
            boolean valid = value != null && SPIS.matcher(value).matches() && (to[1] == null
                    || "iso6523-actorid-upis".equals(to[1].trim().toLowerCase(Locale.ROOT)));
            String[] type = scopes.get("MLS_TYPE");
            return new Envelope(valid ? value : null,
                    type == null || type[0] == null ? null : EPeppolMLSType.getFromIDOrNull(type[0].trim()));
        }

        /** Each Scope's Type, mapped to its InstanceIdentifier and Identifier. */
        private static void readScopes(XMLStreamReader xml, Map<String, String[]> scopes) throws XMLStreamException {
            String type = null;
            String instance = null;
            String identifier = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && SBDH.equals(xml.getNamespaceURI())) {
                    switch (xml.getLocalName()) {
                        case "Scope" -> {
                            type = null;
                            instance = null;
                            identifier = null;
                        }
                        case "Type" -> type = xml.getElementText();
                        case "InstanceIdentifier" -> instance = xml.getElementText();
                        case "Identifier" -> identifier = xml.getElementText();
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && SBDH.equals(xml.getNamespaceURI())) {
                    if ("Scope".equals(xml.getLocalName()) && type != null) {
                        scopes.putIfAbsent(type.trim(), new String[] {instance, identifier});
                    } else if ("StandardBusinessDocumentHeader".equals(xml.getLocalName())) {
                        return;
                    }
                }
            }
        }
    }

    /** Sends the MLS that are due, up to a batch; returns how many attempts were made. */
    public int sendDue() {
        int attempts = 0;
        while (attempts < BATCH) {
            Optional<Claimed> claimed = with.transactions().execute(tx -> claim());
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            send(claimed.get());
            attempts++;
        }
        return attempts;
    }

    private Optional<Claimed> claim() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Claimed> claimed = jdbc.sql("SELECT id, mls_to, sbdh_instance_id, as4_message_id, content, attempts"
                        + " FROM mls_outbound WHERE status = ? AND due_at <= ? ORDER BY due_at FETCH FIRST 1 ROWS ONLY"
                        + " FOR UPDATE SKIP LOCKED")
                .params(Status.PENDING.name(), now)
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5), rs.getInt(6) + 1))
                .optional();
        claimed.ifPresent(mls -> jdbc.sql("UPDATE mls_outbound SET attempts = ?, due_at = ? WHERE id = ?")
                .params(mls.attempts(), now.plus(settings.lease()), mls.id()).update());
        return claimed;
    }

    private void send(Claimed mls) {
        String problem;
        String accessPoint = null;
        try {
            LookupResult lookup = with.recipients().find(mls.mlsTo(), MlsCodes.DOCUMENT_TYPE, MlsCodes.PROCESS);
            if (lookup instanceof LookupResult.Found found) {
                accessPoint = As4Keys.commonName(found.certificate());
                SendOutcome outcome = with.sender().send(new OutboundMessage(ServiceProviderId.of(seatId),
                        mls.mlsTo(), MlsCodes.DOCUMENT_TYPE, MlsCodes.PROCESS, seatId.substring(1, 3),
                        mls.sbdhInstanceId(), mls.as4MessageId(), mls.content(),
                        found.endpoint(), found.certificate()));
                if (outcome instanceof Delivered) {
                    sent(mls, accessPoint);
                    return;
                }
                problem = ((Failed) outcome).detail();
            } else {
                problem = "The MLS receiver " + mls.mlsTo() + " could not be found: " + reason(lookup);
            }
        } catch (RuntimeException e) {
            problem = "The MLS could not be sent: " + e.getMessage();
        }
        OffsetDateTime next = OffsetDateTime.now(ZoneOffset.UTC).plus(wait(mls.attempts()));
        log.warn("MLS {} to {}, attempt {}: {} Tried again at {}.", mls.id(), mls.mlsTo(), mls.attempts(), problem,
                next);
        jdbc.sql("UPDATE mls_outbound SET due_at = ?, last_error = ?, receiving_ap = ? WHERE id = ? AND status = ?")
                .params(next, FindingRows.truncate("Attempt " + mls.attempts() + " failed: " + problem, 2000),
                        accessPoint, mls.id(), Status.PENDING.name())
                .update();
    }

    private void sent(Claimed mls, String accessPoint) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        with.transactions().executeWithoutResult(tx -> {
            int changed = jdbc.sql("UPDATE mls_outbound SET status = ?, sent_at = ?, receiving_ap = ?, due_at = NULL,"
                            + " last_error = NULL WHERE id = ? AND status = ?")
                    .params(Status.SENT.name(), now, accessPoint, mls.id(), Status.PENDING.name())
                    .update();
            if (changed == 1) {
                with.reporting().recordSentByServiceProvider(mls.id(), accessPoint, MlsCodes.DOCUMENT_TYPE,
                        MlsCodes.PROCESS, now);
            }
        });
        log.info("MLS {} sent to {} at the access point {}", mls.id(), mls.mlsTo(), accessPoint);
    }

    /** One MLS we decided, for the operator: what it says, to whom, and where sending it stands. */
    public record Answer(UUID id, UUID receivedId, String referencedSbdhId, String responseCode, String reasons,
            String status, String mlsTo, String sbdhInstanceId, OffsetDateTime documentReceivedAt,
            OffsetDateTime decidedAt, OffsetDateTime sentAt, int attempts, OffsetDateTime nextAttemptAt,
            String lastError) {
    }

    /** The MLS decided for documents received in the period, from (inclusive) to (exclusive), newest first. */
    public List<Answer> answers(OffsetDateTime from, OffsetDateTime to, int limit) {
        return jdbc.sql("SELECT id, received_id, referenced_sbdh_id, response_code, reasons, status, mls_to,"
                        + " sbdh_instance_id, document_received_at, decided_at, sent_at, attempts, due_at, last_error"
                        + " FROM mls_outbound WHERE document_received_at >= ? AND document_received_at < ?"
                        + " ORDER BY document_received_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .params(from, to)
                .query((rs, n) -> new Answer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class),
                        rs.getObject(11, OffsetDateTime.class), rs.getInt(12),
                        Status.PENDING.name().equals(rs.getString(6)) ? rs.getObject(13, OffsetDateTime.class) : null,
                        rs.getString(14)))
                .list();
    }

    /** The wait after a failed attempt: the first retry, twice as long each time, up to the longest. */
    Duration wait(int attempts) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    private static String reason(LookupResult lookup) {
        if (lookup instanceof LookupResult.NotRegistered notRegistered) {
            return notRegistered.reason();
        }
        if (lookup instanceof LookupResult.DocumentTypeNotAccepted notAccepted) {
            return notAccepted.reason();
        }
        return ((LookupResult.LookupFailed) lookup).reason();
    }
}
