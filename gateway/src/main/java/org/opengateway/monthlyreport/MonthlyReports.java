package org.opengateway.monthlyreport;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.mail.OutgoingMail;
import org.opengateway.tracking.FindingRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The companies' monthly reports: the workbook of any month, the setting that mails it, and the job that mails last
 * month's on the 1st. Each mailing is a row per company and month (made once, by its primary key) that a node claims
 * with {@code FOR UPDATE SKIP LOCKED} and marks sent in the same transaction, so two nodes running the job at the
 * same moment mail it once.
 */
@Service
public class MonthlyReports {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReports.class);

    private final JdbcClient jdbc;
    private final MonthlyFigures figures;
    private final CompanyDirectory companies;
    private final ReportRecipient recipients;
    private final OutgoingMail mail;
    private final TransactionTemplate transactions;
    private final MonthlyReportProperties settings;
    private final Clock clock;

    public MonthlyReports(JdbcClient jdbc, MonthlyFigures figures, CompanyDirectory companies,
            ReportRecipient recipients, OutgoingMail mail, TransactionTemplate transactions,
            MonthlyReportProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.companies = companies;
        this.recipients = recipients;
        this.mail = mail;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** The timer's entry (route {@code monthly-company-reports}). */
    public int run() {
        return runAt(clock.instant());
    }

    public byte[] workbook(Company company, YearMonth month) {
        return MonthlyReportWorkbook.write(figures.of(company, month));
    }

    public boolean mailed(UUID companyId) {
        return jdbc.sql("SELECT enabled FROM monthly_report_setting WHERE company_id = ?").param(companyId)
                .query(Boolean.class).optional().orElse(false);
    }

    public void setMailed(UUID companyId, boolean enabled) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String update = "UPDATE monthly_report_setting SET enabled = ?, updated_at = ? WHERE company_id = ?";
        if (jdbc.sql(update).params(enabled, now, companyId).update() == 0) {
            try {
                jdbc.sql("INSERT INTO monthly_report_setting (company_id, enabled, updated_at) VALUES (?, ?, ?)")
                        .params(companyId, enabled, now).update();
            } catch (DuplicateKeyException setMeanwhile) {
                jdbc.sql(update).params(enabled, now, companyId).update();
            }
        }
    }

    /**
     * The job, at {@code instant}: until {@code gateway.monthly-report.last-day} of a month, makes last month's
     * mailing of every company that has it switched on; then mails each one due. Answers how many were mailed.
     */
    public int runAt(Instant instant) {
        OffsetDateTime now = instant.atOffset(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        if (today.getDayOfMonth() <= settings.lastDay()) {
            String month = YearMonth.from(today).minusMonths(1).toString();
            for (UUID company : jdbc.sql("SELECT company_id FROM monthly_report_setting WHERE enabled = TRUE")
                    .query(UUID.class).list()) {
                jdbc.sql("INSERT INTO monthly_report_mail (company_id, report_month, due_at, attempts)"
                                + " VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING")
                        .params(company, month, now).update();
            }
        }
        int mailed = 0;
        while (Boolean.TRUE.equals(transactions.execute(tx -> mailNext(now)))) {
            mailed++;
        }
        return mailed;
    }

    /** Claims one due mailing and mails it; false when none is left (or the one claimed could not be mailed). */
    private boolean mailNext(OffsetDateTime now) {
        Optional<Object[]> claimed = jdbc.sql("SELECT company_id, report_month FROM monthly_report_mail"
                        + " WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .param(now)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)})
                .optional();
        if (claimed.isEmpty()) {
            return false;
        }
        UUID companyId = (UUID) claimed.get()[0];
        String month = (String) claimed.get()[1];
        Optional<Company> company = companies.findById(companyId);
        List<ReportRecipient.Address> to = recipients.addressesFor(companyId);
        if (company.isEmpty() || to.isEmpty()) {
            log.warn("The monthly report {} of company {} has no one to go to: give the company an administrator",
                    month, companyId);
            done(companyId, month, "", now);
            return true;
        }
        MonthFigures counted = figures.of(company.get(), YearMonth.parse(month));
        OutgoingMail.Attachment workbook = new OutgoingMail.Attachment("report-" + company.get().slug() + "-" + month
                + ".xlsx", MonthlyReportWorkbook.CONTENT_TYPE, MonthlyReportWorkbook.write(counted));
        boolean all = true;
        for (ReportRecipient.Address address : to) {
            all &= mail.send(address.email(), address.language().locale(), "monthly-report", workbook,
                    company.get().name(), month, counted.sent(), counted.received(), counted.rejected().size());
        }
        if (!all) {
            jdbc.sql("UPDATE monthly_report_mail SET attempts = attempts + 1, due_at = ?, last_error = ?"
                            + " WHERE company_id = ? AND report_month = ?")
                    .params(now.plus(settings.retryAfter()), FindingRows.truncate("The SMTP server did not take the"
                            + " mail; see the log. Tried again after " + settings.retryAfter() + ".", 2000),
                            companyId, month)
                    .update();
            return false;
        }
        done(companyId, month, String.join(", ", to.stream().map(ReportRecipient.Address::email).toList()), now);
        log.info("Mailed the monthly report {} of {} to {}", month, company.get().slug(), to.size());
        return true;
    }

    private void done(UUID companyId, String month, String sentTo, OffsetDateTime now) {
        jdbc.sql("UPDATE monthly_report_mail SET sent_at = ?, sent_to = ?, attempts = attempts + 1"
                        + " WHERE company_id = ? AND report_month = ?")
                .params(now, FindingRows.truncate(sentTo, 2000), companyId, month)
                .update();
    }
}
