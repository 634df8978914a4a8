package org.opengateway.mls;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.opengateway.api.ApiProblem;
import org.opengateway.api.OperatorAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of MLS: the service levels of a period, and the delivered invoices still without an MLS. */
@RestController
@RequestMapping("/api/v1/operator/mls")
@Tag(name = "Message Level Status (operator)")
public class MlsApi {

    /** The longest period one call measures. */
    static final int MOST_DAYS = 366;

    private final ServiceLevels levels;
    private final MlsOverdue overdue;
    private final OutgoingMls outgoing;
    private final OperatorAccess operator;
    private final Clock clock;

    public MlsApi(ServiceLevels levels, MlsOverdue overdue, OutgoingMls outgoing, OperatorAccess operator,
            Clock clock) {
        this.levels = levels;
        this.overdue = overdue;
        this.outgoing = outgoing;
        this.operator = operator;
        this.clock = clock;
    }

    @Operation(summary = "The MLS service levels of a period (from/to: dates of UTC, both included; default the last"
            + " 30 days): time from receipt to MLS sent, and from delivery to MLS received, with the ones that missed")
    @GetMapping("/service-levels")
    public ServiceLevels.Report serviceLevels(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletRequest request) {
        operator.check(request);
        Period period = period(from, to);
        return levels.between(period.from(), period.to());
    }

    @Operation(summary = "The MLS we decided for the documents received in a period (from/to as for the service"
            + " levels), newest first: response code, reasons, status (PENDING, SENT, SUPPRESSED, INVALID) and sending")
    @GetMapping("/answers")
    public List<OutgoingMls.Answer> answers(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletRequest request) {
        operator.check(request);
        Period period = period(from, to);
        return outgoing.answers(period.from(), period.to(), ServiceLevels.MOST_LISTED);
    }

    private record Period(OffsetDateTime from, OffsetDateTime to) {
    }

    /** From the first day's start to the end of the last (UTC); by default the last 30 days. */
    private Period period(String from, String to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate last = to == null || to.isBlank() ? today : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : date("from", from);
        if (first.isAfter(last)) {
            throw ApiProblem.badRequest("'from' (" + first + ") is after 'to' (" + last + "); give the earlier date"
                    + " as 'from'.");
        }
        if (first.plusDays(MOST_DAYS).isBefore(last)) {
            throw ApiProblem.badRequest("The period from " + first + " to " + last + " is longer than " + MOST_DAYS
                    + " days; ask for a shorter one.");
        }
        return new Period(first.atStartOfDay().atOffset(ZoneOffset.UTC),
                last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    @Operation(summary = "Delivered invoices flagged for having no MLS within gateway.mls.overdue-after, oldest first")
    @GetMapping("/overdue")
    public List<MlsOverdue.Flagged> overdue(HttpServletRequest request) {
        operator.check(request);
        return overdue.list(ServiceLevels.MOST_LISTED);
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'" + field + "' must be a date written YYYY-MM-DD, such as 2026-11-27, not '"
                    + text + "'.");
        }
    }
}
