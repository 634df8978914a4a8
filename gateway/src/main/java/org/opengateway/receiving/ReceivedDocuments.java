package org.opengateway.receiving;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.Sha256;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.tracking.CompanyQuery;
import org.opengateway.tracking.FindingRows;
import org.opengateway.tracking.ListOrder;
import org.opengateway.tracking.ListSlice;
import org.opengateway.tracking.PageRequest;
import org.opengateway.validation.Finding;
import org.opengateway.validation.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The documents received over AS4, kept in the database before the receipt goes back to the sender, with their
 * state, history and findings. Reads for customers take the company, so one company never sees another's documents.
 */
@Repository
public class ReceivedDocuments {

    /** How participants are written in this table: Peppol's URI form, in lower case. */
    static final String PARTICIPANT_SCHEME = "iso6523-actorid-upis::";
    private static final Logger log = LoggerFactory.getLogger(ReceivedDocuments.class);
    private static final String COLUMNS = "id, company_id, as4_message_id, sbdh_instance_id, sender_participant,"
            + " receiver_participant, document_type, process, sending_access_point, document_sha256, status,"
            + " status_reason, document_kind, invoice_number, issue_date, currency, total_amount, customization_id,"
            + " ruleset, valid, outbox_file, received_at, updated_at, counterpart_name";
    /** What the business document says of itself, by which the lists sort and search. */
    private static final String LIST_COLUMNS = "document_kind, invoice_number, issue_date, currency, total_amount,"
            + " customization_id, counterpart_name";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReportingItems reporting;

    public ReceivedDocuments(JdbcClient jdbc, TransactionTemplate transactions, ReportingItems reporting) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.reporting = reporting;
    }

    /** What {@link #store} did: stored it now, or had it already (same AS4 message ID, or same sender and SBDH). */
    public enum Outcome { STORED, ALREADY_STORED }

    /**
     * Stores the document for the company, with the first entry of its history and its place in the delivery outbox,
     * all in one transaction that is committed when this returns. A document we have already is not stored again.
     *
     * @param alsoInTheTransaction runs in that transaction, before it commits, only when the document is stored now
     */
    public Outcome store(ReceivedDocument document, UUID companyId, Runnable alsoInTheTransaction) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String sender = document.sender().toLowerCase(Locale.ROOT);
        if (alreadyHave(document.as4MessageId(), sender, document.sbdhInstanceId())) {
            log.info("AS4 message {} (SBDH {} from {}) was received before; it is stored once",
                    document.as4MessageId(), document.sbdhInstanceId(), sender);
            return Outcome.ALREADY_STORED;
        }
        try {
            transactions.executeWithoutResult(tx -> {
                List<Object> values = new ArrayList<>(Arrays.asList(id, companyId, document.as4MessageId(),
                        document.sbdhInstanceId(), sender, document.receiver().toLowerCase(Locale.ROOT),
                        document.documentType(), document.process(), document.sendingAccessPoint(),
                        Sha256.hex(document.content()), document.content(),
                        ReceivedStatus.RECEIVED_FROM_NETWORK.name(), now, now));
                values.addAll(listColumns(document.business()));
                jdbc.sql("INSERT INTO received_document (id, company_id, as4_message_id, sbdh_instance_id,"
                                + " sender_participant, receiver_participant, document_type, process,"
                                + " sending_access_point, document_sha256, content, status, received_at, updated_at, "
                                + LIST_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(values)
                        .update();
                appendEvent(id, new ReceivedEvent(ReceivedStatus.RECEIVED_FROM_NETWORK,
                        "Received over AS4 from access point " + document.sendingAccessPoint() + " (message "
                                + document.as4MessageId() + ").", now));
                jdbc.sql("INSERT INTO received_delivery (received_id, attempts, next_attempt_at) VALUES (?, 0, ?)")
                        .params(id, now)
                        .update();
                reporting.recordReceived(id, document, now); // counted with the stored document, so exactly once
                alsoInTheTransaction.run();
            });
        } catch (DuplicateKeyException raced) {
            // another node stored the same message a moment ago
            log.info("AS4 message {} was stored by another request at the same time; it is stored once",
                    document.as4MessageId());
            return Outcome.ALREADY_STORED;
        }
        log.info("Received document {} over AS4 (message {}) from {} for {}, stored as {}",
                document.sbdhInstanceId(), document.as4MessageId(), sender, document.receiver(), id);
        return Outcome.STORED;
    }

    /** Two lookups, one per unique key: joined by OR in one query, H2 reads the whole table instead. */
    private boolean alreadyHave(String as4MessageId, String sender, String sbdhInstanceId) {
        return countByAs4MessageId(as4MessageId) > 0
                || jdbc.sql("SELECT COUNT(*) FROM received_document WHERE sender_participant = ? AND sbdh_instance_id = ?")
                        .params(sender, sbdhInstanceId)
                        .query(Long.class).single() > 0;
    }

    /**
     * Records what reading and validating the business document gave; its findings replace any earlier ones. The
     * columns of the lists were stored with the document from the same bytes, so they change only when the document
     * could not be read: H2 then has no index of the lists to move.
     */
    public void recordValidation(UUID id, InvoiceDocument document, ValidationReport report) {
        List<Object> values = new ArrayList<>(listColumns(document));
        values.addAll(Arrays.asList(report.ruleset(), report.valid(), id));
        jdbc.sql("UPDATE received_document SET document_kind = ?, invoice_number = ?, issue_date = ?, currency = ?,"
                        + " total_amount = ?, customization_id = ?, counterpart_name = ?, ruleset = ?, valid = ?"
                        + " WHERE id = ?")
                .params(values)
                .update();
        jdbc.sql("DELETE FROM received_finding WHERE received_id = ?").param(id).update();
        FindingRows.insert(jdbc, FindingRows.Table.RECEIVED, id, report.findings());
    }

    /** The values of {@link #LIST_COLUMNS}, as the document gives them; all null when it could not be read. */
    private static List<Object> listColumns(InvoiceDocument document) {
        if (document == null) {
            return Arrays.asList(new Object[LIST_COLUMNS.split(",").length]);
        }
        return Arrays.asList(document.kind().rootName(), FindingRows.truncate(document.invoiceNumber(), 200),
                document.issueDate(), FindingRows.truncate(document.currency(), 3), document.total(),
                FindingRows.truncate(document.customizationId(), 500),
                FindingRows.truncate(document.senderName(), 200));
    }

    /**
     * Moves a document to a new state if it is still in {@code from}, and records why; {@code outboxFile} is kept when
     * not null. Returns false when something else moved it first.
     */
    public boolean changeStatus(UUID id, ReceivedStatus from, ReceivedStatus to, String reason, String outboxFile) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("A received document cannot move from " + from + " to " + to);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int changed = jdbc.sql("UPDATE received_document SET status = ?, status_reason = ?, updated_at = ?,"
                        + " outbox_file = COALESCE(?, outbox_file) WHERE id = ? AND status = ?")
                .params(to.name(), FindingRows.truncate(reason, 2000), now, outboxFile, id, from.name())
                .update();
        if (changed == 1) {
            appendEvent(id, new ReceivedEvent(to, reason, now));
        }
        return changed == 1;
    }

    /** Keeps why the last delivery attempt failed, for the customer and the operator to see. */
    public void noteProblem(UUID id, String reason) {
        jdbc.sql("UPDATE received_document SET status_reason = ?, updated_at = ? WHERE id = ?")
                .params(FindingRows.truncate(reason, 2000), OffsetDateTime.now(ZoneOffset.UTC), id)
                .update();
    }

    /**
     * The company acknowledges that it has the document: it moves to {@link ReceivedStatus#DELIVERED_TO_CUSTOMER},
     * once; acknowledging again changes nothing. Empty when the company has no such document.
     */
    public Optional<ReceivedDetails> acknowledge(UUID companyId, UUID id, String how) {
        return transactions.execute(tx -> {
            Optional<ReceivedStatus> status = jdbc
                    .sql("SELECT status FROM received_document WHERE company_id = ? AND id = ? FOR UPDATE")
                    .params(companyId, id)
                    .query((rs, n) -> ReceivedStatus.valueOf(rs.getString(1)))
                    .optional();
            if (status.isEmpty()) {
                return Optional.<ReceivedDetails>empty();
            }
            if (status.get().canMoveTo(ReceivedStatus.DELIVERED_TO_CUSTOMER)) {
                changeStatus(id, status.get(), ReceivedStatus.DELIVERED_TO_CUSTOMER, how, null);
            }
            return find(companyId, id);
        });
    }

    public Optional<ReceivedDetails> find(UUID companyId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM received_document WHERE company_id = ? AND id = ?")
                .params(companyId, id)
                .query(ReceivedDocuments::record)
                .optional()
                .map(document -> new ReceivedDetails(document, history(id), findings(id)));
    }

    /** The document for the delivery step, whoever's it is. */
    public Optional<ReceivedRecord> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM received_document WHERE id = ?")
                .param(id)
                .query(ReceivedDocuments::record)
                .optional();
    }

    /** The bytes as received: the business document in its SBDH. */
    public Optional<byte[]> content(UUID companyId, UUID id) {
        return jdbc.sql("SELECT content FROM received_document WHERE company_id = ? AND id = ?")
                .params(companyId, id)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    public byte[] content(UUID id) {
        return jdbc.sql("SELECT content FROM received_document WHERE id = ?")
                .param(id)
                .query((rs, n) -> rs.getBytes(1))
                .single();
    }

    public ReceivedPage list(UUID companyId, ReceivedFilter filter, int page, int size) {
        return list(companyId, filter, page, size, ListOrder.NEWEST_FIRST);
    }

    public ReceivedPage list(UUID companyId, ReceivedFilter filter, int page, int size, ListOrder order) {
        CompanyQuery.Result<ReceivedRecord> result = query(companyId, filter)
                .page(jdbc, COLUMNS, ReceivedDocuments::record, page, size, order);
        return new ReceivedPage(result.items(), page, size, result.total());
    }

    /** The page a person turned to, read from a neighbouring row's sort value (see {@link CompanyQuery#seek}). */
    public ListSlice<ReceivedRecord> browse(UUID companyId, ReceivedFilter filter, PageRequest request) {
        return query(companyId, filter).seek(jdbc, COLUMNS, ReceivedDocuments::record, request);
    }

    private static CompanyQuery query(UUID companyId, ReceivedFilter filter) {
        return CompanyQuery.of("received_document", companyId)
                .equal("status", filter.status() == null ? null : filter.status().name())
                .equal("sender_participant", filter.sender() == null || filter.sender().isBlank() ? null
                        : stored(filter.sender()))
                .startsWith("invoice_number", filter.numberStart())
                .counterpart(filter.counterpart(), "sender_participant", ReceivedDocuments::stored,
                        "counterpart_name")
                .receivedBetween(filter.from(), filter.to());
    }

    public Optional<UUID> findIdByAs4MessageId(String as4MessageId) {
        return jdbc.sql("SELECT id FROM received_document WHERE as4_message_id = ?")
                .param(as4MessageId).query(UUID.class).optional();
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

    private void appendEvent(UUID id, ReceivedEvent event) {
        jdbc.sql("INSERT INTO received_event (received_id, status, reason, at) VALUES (?, ?, ?, ?)")
                .params(id, event.status().name(), FindingRows.truncate(event.reason(), 2000), event.at())
                .update();
    }

    private List<ReceivedEvent> history(UUID id) {
        return jdbc.sql("SELECT status, reason, at FROM received_event WHERE received_id = ? ORDER BY seq")
                .param(id)
                .query((rs, n) -> new ReceivedEvent(ReceivedStatus.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    private List<Finding> findings(UUID id) {
        return FindingRows.read(jdbc, FindingRows.Table.RECEIVED, id);
    }

    /** "0007:5567321707" or "iso6523-actorid-upis::0007:5567321707", as this table writes it. */
    static String stored(String participant) {
        String lower = participant.trim().toLowerCase(Locale.ROOT);
        return lower.contains("::") ? lower : PARTICIPANT_SCHEME + lower;
    }

    private static ReceivedRecord record(ResultSet rs, int row) throws SQLException {
        boolean valid = rs.getBoolean("valid");
        Boolean validOrNull = rs.wasNull() ? null : valid;
        return new ReceivedRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("company_id", UUID.class),
                rs.getString("as4_message_id"),
                rs.getString("sbdh_instance_id"),
                rs.getString("sender_participant"),
                rs.getString("receiver_participant"),
                rs.getString("document_type"),
                rs.getString("process"),
                rs.getString("sending_access_point"),
                rs.getString("document_sha256"),
                ReceivedStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("document_kind"),
                rs.getString("invoice_number"),
                rs.getObject("issue_date", LocalDate.class),
                rs.getString("currency"),
                FindingRows.amount(rs.getBigDecimal("total_amount")),
                rs.getString("customization_id"),
                rs.getString("ruleset"),
                validOrNull,
                rs.getString("outbox_file"),
                rs.getObject("received_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getString("counterpart_name"));
    }
}
