package org.opengateway.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.opengateway.api.ApiProblem;
import org.opengateway.api.OperatorAccess;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of Peppol Reporting: each month's reports and their status, the reports, and re-runs. */
@RestController
@RequestMapping("/api/v1/operator/reports")
@Tag(name = "Peppol Reporting (operator)")
public class ReportingApi {

    private final PeppolReports reports;
    private final MonthlyReporting job;
    private final OperatorAccess operator;
    private final Clock clock;

    public ReportingApi(PeppolReports reports, MonthlyReporting job, OperatorAccess operator, Clock clock) {
        this.reports = reports;
        this.job = job;
        this.operator = operator;
        this.clock = clock;
    }

    /** One report as the API shows it; {@code document} is where to fetch the XML once built. */
    public record ReportJson(String month, ReportKind kind, ReportStatus status, String statusReason,
            List<String> findings, int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime builtAt,
            OffsetDateTime sentAt, String receivingAccessPoint, String receiptMessageId, String sbdhInstanceId,
            String as4MessageId, String document) {

        static ReportJson of(PeppolReport r) {
            return new ReportJson(r.month().toString(), r.kind(), r.status(), r.statusReason(), r.findings(),
                    r.attempts(), r.nextAttemptAt(), r.builtAt(), r.sentAt(), r.receivingAccessPoint(),
                    r.receiptMessageId(), r.sbdhInstanceId(), r.as4MessageId(), r.builtAt() == null ? null
                            : "/api/v1/operator/reports/" + r.month() + "/" + r.kind());
        }
    }

    /** What a re-run did. */
    public record RerunJson(String month, List<ReportKind> rerun, List<ReportJson> reports) {
    }

    @Operation(summary = "Every month's TSR and EUSR with its status, newest month first")
    @GetMapping
    public List<ReportJson> list(HttpServletRequest request) {
        operator.check(request);
        return reports.all().stream().map(ReportJson::of).toList();
    }

    @Operation(summary = "One report as built (XML)")
    @GetMapping(value = "/{month}/{kind}", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<byte[]> document(@PathVariable String month, @PathVariable String kind,
            HttpServletRequest request) {
        operator.check(request);
        YearMonth period = month(month);
        ReportKind reportKind = ReportKind.parse(kind);
        if (reportKind == null) {
            throw ApiProblem.badRequest("The report kind '" + kind + "' is not known; use TSR or EUSR.");
        }
        byte[] content = reports.content(period, reportKind).orElseThrow(() -> ApiProblem.notFound("The "
                + reportKind + " of " + period + " has not been built (yet). GET /api/v1/operator/reports shows where"
                + " each report stands."));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(content);
    }

    @Operation(summary = "Build a month's reports again and send them (they replace the ones sent before)")
    @PostMapping("/{month}/rerun")
    public RerunJson rerun(@PathVariable String month, HttpServletRequest request) {
        operator.check(request);
        YearMonth period = month(month);
        List<ReportKind> rerun;
        try {
            rerun = job.rerun(period, clock.instant());
        } catch (IllegalArgumentException notOver) {
            throw ApiProblem.badRequest(notOver.getMessage());
        }
        List<ReportJson> now = java.util.Arrays.stream(ReportKind.values())
                .flatMap(kind -> reports.find(period, kind).stream()).map(ReportJson::of).toList();
        return new RerunJson(period.toString(), rerun, now);
    }

    private static YearMonth month(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("The month '" + text + "' is not a month written YYYY-MM, such as 2026-10.");
        }
    }
}
