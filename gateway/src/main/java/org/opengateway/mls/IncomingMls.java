package org.opengateway.mls;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.document.SafeXml;
import org.opengateway.mls.MlsCodes.ResponseCode;
import org.opengateway.receiving.ReceivedDocument;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.tracking.FindingRows;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.InvoiceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our MLS as sending access point: an MLS another access point sends us is matched to our invoice through the SBDH
 * instance identifier it names, and moves that invoice from DELIVERED to ACCEPTED_BY_RECEIVER or REJECTED_BY_RECEIVER,
 * with the reasons in words in its history. Stored, counted for Peppol Reporting and applied in one transaction
 * before our receipt goes back; an MLS that comes again is answered with a receipt but applied once. It is never
 * answered with an MLS.
 */
@Component
public class IncomingMls {

    private static final Logger log = LoggerFactory.getLogger(IncomingMls.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final InvoiceStore invoices;
    private final ReportingItems reporting;
    private final SafeXml xml;

    public IncomingMls(JdbcClient jdbc, TransactionTemplate transactions, InvoiceStore invoices,
            ReportingItems reporting, SafeXml xml) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.invoices = invoices;
        this.reporting = reporting;
        this.xml = xml;
    }

    /** Whether a received document is an MLS, for this class rather than the invoice path. */
    public static boolean isMls(ReceivedDocument document) {
        return MlsCodes.isMls(document.documentType());
    }

    /**
     * Stores and applies the MLS. Throws {@link IllegalArgumentException}, with the reason, for one we cannot read:
     * the sending access point then gets an error instead of a receipt.
     */
    public void receive(ReceivedDocument document) {
        MlsXml.Read mls = MlsXml.read(xml.parse(document.content()));
        String sender = document.sender().toLowerCase(Locale.ROOT);
        if (alreadyHave(document.as4MessageId(), sender, document.sbdhInstanceId())) {
            log.info("MLS {} (message {}) was received before; applied once", document.sbdhInstanceId(),
                    document.as4MessageId());
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        try {
            transactions.executeWithoutResult(tx -> {
                Optional<Sent> invoice = sentInvoice(mls.referencedSbdhId());
                jdbc.sql("INSERT INTO mls_received (id, as4_message_id, sbdh_instance_id, sender_participant,"
                                + " sending_ap, referenced_sbdh_id, response_code, reasons, invoice_id, received_at,"
                                + " content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(id, document.as4MessageId(), document.sbdhInstanceId(), sender,
                                document.sendingAccessPoint(), FindingRows.truncate(mls.referencedSbdhId(), 300),
                                mls.status().code().name(), FindingRows.truncate(mls.status().inWords(), 2000),
                                invoice.map(Sent::invoiceId).orElse(null), now, document.content())
                        .update();
                invoice.ifPresent(sent -> apply(sent, mls.status(), document.sendingAccessPoint()));
                reporting.recordReceived(id, document, now);
                if (invoice.isEmpty()) {
                    log.warn("MLS {} from {} is about SBDH {}, which is no invoice we sent; kept, not applied",
                            document.sbdhInstanceId(), document.sendingAccessPoint(), mls.referencedSbdhId());
                }
            });
        } catch (DuplicateKeyException raced) {
            log.info("MLS {} was stored by another request at the same time; applied once", document.as4MessageId());
        }
    }

    private record Sent(UUID invoiceId, InvoiceStatus status) {
    }

    private Optional<Sent> sentInvoice(String sbdhInstanceId) {
        return jdbc.sql("SELECT i.id, i.status FROM delivery d JOIN invoice i ON i.id = d.invoice_id"
                        + " WHERE d.sbdh_instance_id = ?")
                .param(sbdhInstanceId)
                .query((rs, n) -> new Sent(rs.getObject(1, UUID.class), InvoiceStatus.valueOf(rs.getString(2))))
                .optional();
    }

    private void apply(Sent invoice, MlsStatus status, String accessPoint) {
        InvoiceStatus to = status.code() == ResponseCode.RE ? InvoiceStatus.REJECTED_BY_RECEIVER
                : InvoiceStatus.ACCEPTED_BY_RECEIVER;
        String reason = "The receiving access point " + accessPoint + " sent its Message Level Status ("
                + status.code() + "): " + status.inWords()
                + (to == InvoiceStatus.REJECTED_BY_RECEIVER ? " Correct the invoice and send a new one." : "");
        jdbc.sql("DELETE FROM mls_overdue WHERE invoice_id = ?").param(invoice.invoiceId()).update();
        if (!invoice.status().canMoveTo(to) || !invoices.changeStatus(invoice.invoiceId(), invoice.status(), to,
                reason)) {
            log.warn("MLS for invoice {} ({}) came while it is {}; recorded, the state is kept", invoice.invoiceId(),
                    status.code(), invoice.status());
        }
    }

    private boolean alreadyHave(String as4MessageId, String sender, String sbdhInstanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM mls_received WHERE as4_message_id = ?").param(as4MessageId)
                .query(Long.class).single() > 0
                || jdbc.sql("SELECT COUNT(*) FROM mls_received WHERE sender_participant = ? AND sbdh_instance_id = ?")
                        .params(sender, sbdhInstanceId).query(Long.class).single() > 0;
    }
}
