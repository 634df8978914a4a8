package org.opengateway.reporting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.opengateway.reporting.PeppolReports.ReportKey;
import org.opengateway.reporting.PeppolReports.SendClaim;
import org.opengateway.transport.as4.SendOutcome;
import org.opengateway.transport.as4.SendOutcome.Delivered;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly duty of Peppol Reporting, run by a timer on every node: from the 1st to the 15th of a month it makes sure
 * the previous month's two reports exist; then it builds each report that is due (from the month's items, validated
 * by the official rules, stored), and sends each built one to the reporting participant, again and again until it is
 * sent. The database decides which node does what.
 */
public class MonthlyReporting {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReporting.class);
    /** Peppol wants the previous month's reports by the 15th. */
    static final int LAST_DAY_TO_REPORT = 15;

    private final PeppolReports reports;
    private final ReportingItems items;
    private final ReportValidator rules;
    private final ReportSender sender;
    private final TransactionTemplate transactions;
    private final ReportingProperties settings;
    private final Duration lease;
    private final String seatId;
    private final Clock clock;

    public MonthlyReporting(Collaborators with, ReportingProperties settings, String seatId, Clock clock) {
        this.reports = with.reports();
        this.items = with.items();
        this.rules = with.rules();
        this.sender = with.sender();
        this.transactions = with.transactions();
        this.settings = settings;
        this.lease = settings.lease();
        this.seatId = seatId;
        this.clock = clock;
    }

    /** What the job needs to do its work. */
    public record Collaborators(PeppolReports reports, ReportingItems items, ReportValidator rules,
            ReportSender sender, TransactionTemplate transactions) {
    }

    /** The timer's entry: does whatever reporting work is due now. */
    public void run() {
        if (settings.enabled()) {
            runAt(clock.instant());
        }
    }

    /** Does the reporting work due at this moment; returns how many reports it built and sent attempts it made. */
    public int runAt(Instant instant) {
        OffsetDateTime now = instant.atOffset(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        if (today.getDayOfMonth() <= LAST_DAY_TO_REPORT) {
            reports.ensure(YearMonth.from(today).minusMonths(1), now);
        }
        int done = 0;
        while (buildNext(now)) {
            done++;
        }
        while (sendNext(now)) {
            done++;
        }
        return done;
    }

    /**
     * An operator's re-run: both reports of the month are built again at once (with new message identifiers) and
     * sent on the next round. Answers the kinds reset; one being sent at this moment is left to finish.
     */
    public List<ReportKind> rerun(YearMonth month, Instant instant) {
        OffsetDateTime now = instant.atOffset(ZoneOffset.UTC);
        if (!month.isBefore(YearMonth.from(now))) {
            throw new IllegalArgumentException("The month " + month + " is not over yet; a report can be made for a"
                    + " past month only (the latest is " + YearMonth.from(now).minusMonths(1) + ").");
        }
        reports.ensure(month, now);
        List<ReportKind> reset = reports.rerun(month, now);
        while (buildNext(now)) {
            // builds the reset ones (and anything else due)
        }
        return reset;
    }

    private boolean buildNext(OffsetDateTime now) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            var claimed = reports.claimToBuild(now);
            claimed.ifPresent(key -> build(key, now));
            return claimed.isPresent();
        }));
    }

    private void build(ReportKey key, OffsetDateTime now) {
        YearMonth month = key.month();
        List<ReportingItem> monthItems = items.between(month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        byte[] report = StatisticsReports.build(key.kind(), month, seatId, monthItems);
        List<String> fatal = rules.check(key.kind(), report).stream()
                .filter(finding -> finding.severity() == Severity.FATAL)
                .map(MonthlyReporting::line)
                .toList();
        reports.built(key, report, fatal, now);
        if (fatal.isEmpty()) {
            log.info("Built the {} of {} from {} transmissions; it is valid and will be sent", key.kind(), month,
                    monthItems.size());
        } else {
            log.error("The {} of {} fails the official Peppol rules and is not sent: {}", key.kind(), month, fatal);
        }
    }

    private boolean sendNext(OffsetDateTime now) {
        var claimed = reports.claimToSend(now, lease);
        if (claimed.isEmpty()) {
            return false;
        }
        SendClaim claim = claimed.get();
        SendOutcome outcome;
        String accessPoint = null;
        try {
            ReportSender.Attempt attempt = sender.send(claim);
            outcome = attempt.outcome();
            accessPoint = attempt.receivingAccessPoint();
        } catch (RuntimeException e) {
            log.error("Could not send the {} of {}", claim.kind(), claim.month(), e);
            outcome = new Failed(SendOutcome.FailureKind.CANNOT_BUILD_MESSAGE, null,
                    "The gateway could not send it (" + e.getMessage() + ").");
        }
        OffsetDateTime finished = OffsetDateTime.now(clock).isAfter(now) ? OffsetDateTime.now(clock)
                .withOffsetSameInstant(ZoneOffset.UTC) : now;
        if (outcome instanceof Delivered delivered) {
            String reason = "Sent to the reporting participant " + sender.receiver() + " at the access point "
                    + accessPoint + "; its signed receipt is " + delivered.receiptMessageId() + ".";
            reports.sent(claim, accessPoint, delivered.receiptMessageId(), reason, finished);
            log.info("Sent the {} of {} (attempt {})", claim.kind(), claim.month(), claim.attempt());
        } else {
            Failed failed = (Failed) outcome;
            OffsetDateTime next = finished.plus(retryAfter(claim.attempt(), settings.firstRetry(), settings.maxRetry()));
            reports.failed(claim, "Attempt " + claim.attempt() + " failed: " + failed.detail() + " It is tried again"
                    + " at " + next + ", and again until it is sent.", next, finished);
            log.warn("Sending the {} of {} failed (attempt {}), next attempt at {}: {}", claim.kind(), claim.month(),
                    claim.attempt(), next, failed.detail());
        }
        return true;
    }

    /** The first wait, doubled after each failure, up to the longest. */
    static Duration retryAfter(int attempt, Duration first, Duration longest) {
        Duration wait = first;
        for (int i = 1; i < attempt && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    private static String line(Finding finding) {
        return finding.rule() + (finding.line() == null ? "" : " line " + finding.line()) + ": " + finding.message();
    }
}
