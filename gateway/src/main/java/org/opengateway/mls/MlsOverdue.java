package org.opengateway.mls;

import com.helger.peppol.sbdh.EPeppolMLSType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.tracking.InvoiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Flags delivered invoices that got no MLS within {@code gateway.mls.overdue-after}, for support: a flag (table
 * {@code mls_overdue}), not a state. Only while we ask for every MLS ({@code ALWAYS_SEND}): under {@code FAILURE_ONLY}
 * no MLS means no rejection. The timer runs on every node; the job runs on one node per period (a cluster lease), and
 * flagging twice is harmless (one row per invoice). Also answers what the API shows of an invoice's MLS.
 */
public class MlsOverdue {

    static final String JOB = "mls-overdue";
    /** Invoices delivered longer ago than this are not looked at: they were sent before anyone could expect an MLS. */
    static final Duration LOOK_BACK = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(MlsOverdue.class);

    private final JdbcClient jdbc;
    private final ClusterJobs jobs;
    private final MlsProperties settings;
    private final long periodMillis;
    private final Clock clock;

    public MlsOverdue(JdbcClient jdbc, ClusterJobs jobs, MlsProperties settings, long periodMillis, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.settings = settings;
        this.periodMillis = periodMillis;
        this.clock = clock;
    }

    /** The timer's entry: flags what is overdue, on the one node that holds the job this period. */
    public void run() {
        if (settings.enabled() && settings.requestType() == EPeppolMLSType.ALWAYS_SEND
                && jobs.oncePer(JOB, periodMillis)) {
            flag();
        }
    }

    /** Flags every delivered invoice without an MLS after the agreed time; returns how many it flagged now. */
    public int flag() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            int flagged = jdbc.sql("INSERT INTO mls_overdue (invoice_id, delivered_at, flagged_at)"
                            + " SELECT d.invoice_id, d.delivered_at, ? FROM delivery d JOIN invoice i ON i.id = d.invoice_id"
                            + " WHERE i.status = ? AND d.delivered_at <= ? AND d.delivered_at > ?"
                            + " AND NOT EXISTS (SELECT 1 FROM mls_overdue o WHERE o.invoice_id = d.invoice_id)"
                            + " AND NOT EXISTS (SELECT 1 FROM mls_received m WHERE m.invoice_id = d.invoice_id)")
                    .params(now, InvoiceStatus.DELIVERED.name(), now.minus(settings.overdueAfter()),
                            now.minus(LOOK_BACK))
                    .update();
            if (flagged > 0) {
                log.warn("{} delivered invoices have had no MLS for more than {}; flagged for support", flagged,
                        settings.overdueAfter());
            }
            return flagged;
        } catch (DuplicateKeyException anotherNode) {
            return 0; // another node flagged the same invoices at the same moment
        }
    }

    /** One flagged invoice, for the operator's list. */
    public record Flagged(UUID invoiceId, UUID companyId, String invoiceNumber, String receiver,
            String sbdhInstanceId, OffsetDateTime deliveredAt, OffsetDateTime flaggedAt) {
    }

    /** The flagged invoices that still have no MLS, oldest delivery first. */
    public List<Flagged> list(int limit) {
        return jdbc.sql("SELECT o.invoice_id, i.company_id, i.invoice_number, i.receiver_participant,"
                        + " d.sbdh_instance_id, o.delivered_at, o.flagged_at FROM mls_overdue o"
                        + " JOIN invoice i ON i.id = o.invoice_id JOIN delivery d ON d.invoice_id = o.invoice_id"
                        + " ORDER BY o.delivered_at FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .query((rs, n) -> new Flagged(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class)))
                .list();
    }

    /**
     * What the invoice's API shows of MLS: the last MLS received (code, when, reasons in words) and, while none came
     * in time, since when it is flagged. Empty when there is neither.
     */
    public Optional<InvoiceMls> forInvoice(UUID invoiceId) {
        Optional<InvoiceMls> received = jdbc.sql("SELECT response_code, received_at, reasons FROM mls_received"
                        + " WHERE invoice_id = ? ORDER BY received_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(invoiceId)
                .query((rs, n) -> new InvoiceMls(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3), null))
                .optional();
        if (received.isPresent()) {
            return received;
        }
        return jdbc.sql("SELECT flagged_at FROM mls_overdue WHERE invoice_id = ?")
                .param(invoiceId)
                .query((rs, n) -> new InvoiceMls(null, null, null, rs.getObject(1, OffsetDateTime.class)))
                .optional();
    }

    /**
     * @param responseCode AP, AB or RE of the MLS received; null while none came
     * @param receivedAt when it came
     * @param status the status in words, with the reasons of a rejection
     * @param overdueSince when the invoice was flagged for having no MLS in time; null when not flagged
     */
    public record InvoiceMls(String responseCode, OffsetDateTime receivedAt, String status,
            OffsetDateTime overdueSince) {
    }
}
