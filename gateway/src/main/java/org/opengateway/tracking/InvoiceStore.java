package org.opengateway.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.document.ParticipantId;
import org.opengateway.validation.Finding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The invoices, their original bytes, history and findings. Every read takes the company, so one company can never
 * see another's invoices through it.
 */
@Repository
public class InvoiceStore {

    private static final String COLUMNS = "id, company_id, channel, source_name, status, status_reason, document_sha256,"
            + " document_size, document_type, invoice_number, issue_date, currency, total_amount, sender_participant,"
            + " receiver_participant, customization_id, profile_id, ruleset, received_at, updated_at, counterpart_name";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    /** Said when a change of state was written; heard once its transaction has committed. */
    public record HistoryWritten() {
    }

    @Autowired
    public InvoiceStore(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** For tools and tests that publish no events. */
    public InvoiceStore(JdbcClient jdbc) {
        this(jdbc, event -> { });
    }

    /**
     * Stores a new invoice with its original, its history so far and its findings, all or nothing. Throws
     * {@link org.springframework.dao.DuplicateKeyException} when the company already has an invoice with the same bytes.
     */
    @Transactional
    public void create(InvoiceRecord invoice, byte[] original, List<InvoiceEvent> history, List<Finding> findings) {
        jdbc.sql("INSERT INTO invoice (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(invoice.id(), invoice.companyId(), invoice.channel().name(), invoice.sourceName(),
                        invoice.status().name(), FindingRows.truncate(invoice.statusReason(), 2000), invoice.documentSha256(), invoice.documentSize(),
                        invoice.documentType(), invoice.invoiceNumber(), invoice.issueDate(), invoice.currency(),
                        invoice.total(), invoice.senderParticipant(), invoice.receiverParticipant(),
                        invoice.customizationId(), invoice.profileId(), invoice.ruleset(), invoice.receivedAt(),
                        invoice.updatedAt(), invoice.counterpartName())
                .update();
        if (original != null) {
            jdbc.sql("INSERT INTO invoice_document (invoice_id, content) VALUES (?, ?)")
                    .params(invoice.id(), original)
                    .update();
        }
        for (InvoiceEvent event : history) {
            appendEvent(invoice.id(), event);
        }
        FindingRows.insert(jdbc, FindingRows.Table.INVOICE, invoice.id(), findings);
    }

    /**
     * Moves an invoice to a new state if it is still in {@code from}, and records why. Returns false when another
     * worker moved it first.
     */
    @Transactional
    public boolean changeStatus(UUID id, InvoiceStatus from, InvoiceStatus to, String reason) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("An invoice cannot move from " + from + " to " + to);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int changed = jdbc.sql("UPDATE invoice SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(to.name(), FindingRows.truncate(reason, 2000), now, id, from.name())
                .update();
        if (changed == 1) {
            appendEvent(id, new InvoiceEvent(to, reason, now));
        }
        return changed == 1;
    }

    /** Sends the invoice to another receiver from now on (support corrected the recipient's address). */
    public void changeReceiver(UUID id, String receiverParticipant) {
        jdbc.sql("UPDATE invoice SET receiver_participant = ? WHERE id = ?").params(receiverParticipant, id).update();
    }

    private void appendEvent(UUID invoiceId, InvoiceEvent event) {
        jdbc.sql("INSERT INTO invoice_event (invoice_id, status, reason, at) VALUES (?, ?, ?, ?)")
                .params(invoiceId, event.status().name(), FindingRows.truncate(event.reason(), 2000), event.at())
                .update();
        events.publishEvent(new HistoryWritten());
    }

    public Optional<UUID> findIdByContent(UUID companyId, String sha256) {
        return jdbc.sql("SELECT id FROM invoice WHERE company_id = ? AND document_sha256 = ?")
                .params(companyId, sha256)
                .query(UUID.class)
                .optional();
    }

    public Optional<InvoiceDetails> find(UUID companyId, UUID id) {
        return record(companyId, id).map(invoice -> new InvoiceDetails(invoice, history(id), findings(id)));
    }

    /** The invoice's record alone, without its history and findings. */
    public Optional<InvoiceRecord> record(UUID companyId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invoice WHERE company_id = ? AND id = ?")
                .params(companyId, id)
                .query(InvoiceStore::invoice)
                .optional();
    }

    public Optional<byte[]> original(UUID companyId, UUID id) {
        // by the key alone, the company compared after (see OwnedBytes)
        return jdbc.sql("SELECT d.content, i.company_id FROM invoice_document d JOIN invoice i ON i.id = d.invoice_id"
                        + " WHERE d.invoice_id = ?")
                .param(id)
                .query((rs, n) -> new OwnedBytes(rs.getObject(2, UUID.class), rs.getBytes(1)))
                .optional()
                .flatMap(row -> row.of(companyId));
    }

    public InvoicePage list(UUID companyId, InvoiceFilter filter, int page, int size) {
        return list(companyId, filter, page, size, ListOrder.NEWEST_FIRST);
    }

    public InvoicePage list(UUID companyId, InvoiceFilter filter, int page, int size, ListOrder order) {
        CompanyQuery.Result<InvoiceRecord> result = query(companyId, filter)
                .page(jdbc, COLUMNS, InvoiceStore::invoice, page, size, order);
        return new InvoicePage(result.items(), page, size, result.total());
    }

    /** The page a person turned to, read from a neighbouring row's sort value (see {@link CompanyQuery#seek}). */
    public ListSlice<InvoiceRecord> browse(UUID companyId, InvoiceFilter filter, PageRequest request) {
        return query(companyId, filter).seek(jdbc, COLUMNS, InvoiceStore::invoice, request);
    }

    private static CompanyQuery query(UUID companyId, InvoiceFilter filter) {
        return CompanyQuery.of("invoice", companyId)
                .equal("status", filter.status() == null ? null : filter.status().name())
                .equal("receiver_participant", filter.receiver() == null ? null
                        : filter.receiver().trim().toLowerCase(Locale.ROOT))
                .equal("invoice_number", filter.invoiceNumber())
                .startsWith("invoice_number", filter.numberStart())
                .counterpart(filter.counterpart(), "receiver_participant",
                        participant -> ParticipantId.parse(participant).toString(), "counterpart_name")
                .equal("channel", filter.channel() == null ? null : filter.channel().name())
                .receivedBetween(filter.from(), filter.to());
    }

    public long countByStatus(InvoiceStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM invoice WHERE status = ?").param(status.name()).query(Long.class).single();
    }

    private List<InvoiceEvent> history(UUID id) {
        return jdbc.sql("SELECT status, reason, at FROM invoice_event WHERE invoice_id = ? ORDER BY seq")
                .param(id)
                .query((rs, n) -> new InvoiceEvent(InvoiceStatus.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    private List<Finding> findings(UUID id) {
        return FindingRows.read(jdbc, FindingRows.Table.INVOICE, id);
    }

    private static InvoiceRecord invoice(ResultSet rs, int row) throws SQLException {
        return new InvoiceRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("company_id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("source_name"),
                InvoiceStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("document_sha256"),
                rs.getLong("document_size"),
                rs.getString("document_type"),
                rs.getString("invoice_number"),
                rs.getObject("issue_date", LocalDate.class),
                rs.getString("currency"),
                FindingRows.amount(rs.getBigDecimal("total_amount")),
                rs.getString("sender_participant"),
                rs.getString("receiver_participant"),
                rs.getString("customization_id"),
                rs.getString("profile_id"),
                rs.getString("ruleset"),
                rs.getObject("received_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getString("counterpart_name"));
    }
}
