package org.opengateway.monthlyreport;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.opengateway.api.CompanyAccess;
import org.opengateway.company.Company;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A company's monthly report: the workbook of a month, and whether it is mailed on the 1st. */
@RestController
@RequestMapping("/api/v1/companies/{companyId}/reports/monthly")
@Tag(name = "Monthly report")
@SecurityRequirement(name = "apiKey")
public class MonthlyReportApi {

    /** Whether the report is mailed to the company on the first day of each month. */
    public record Setting(Boolean enabled) {
    }

    private final CompanyAccess access;
    private final MonthlyReports reports;
    private final Clock clock;

    public MonthlyReportApi(CompanyAccess access, MonthlyReports reports, Clock clock) {
        this.access = access;
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(summary = "The monthly report of a month as an Excel workbook (xlsx)",
            description = "month: YYYY-MM, a past month or the current one (so far). Invoices sent and received in"
                    + " the month (UTC) per status and per channel, and the rejected ones with their reasons.")
    @GetMapping("/{month}.xlsx")
    public ResponseEntity<byte[]> workbook(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable String month) {
        Company company = access.require(http, companyId);
        YearMonth asked = month(month);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(MonthlyReportWorkbook.CONTENT_TYPE))
                .header("Content-Disposition", "attachment; filename=\"report-" + company.slug() + "-" + asked
                        + ".xlsx\"")
                .body(reports.workbook(company, asked));
    }

    @Operation(summary = "Whether the monthly report is mailed on the first day of each month")
    @GetMapping("/settings")
    public Setting setting(HttpServletRequest http, @PathVariable UUID companyId) {
        return new Setting(reports.mailed(access.require(http, companyId).id()));
    }

    @Operation(summary = "Switch the monthly mail on or off", description = "{\"enabled\": true}. The report goes to"
            + " the company's administrators on the first day of each month, with the workbook attached.")
    @PutMapping("/settings")
    public Setting change(HttpServletRequest http, @PathVariable UUID companyId,
            @RequestBody(required = false) Setting setting) {
        Company company = access.require(http, companyId);
        if (setting == null || setting.enabled() == null) {
            throw ApiProblem.badRequest("The field 'enabled' is missing: send {\"enabled\": true} to mail the report"
                    + " on the first day of each month, or {\"enabled\": false} to stop.");
        }
        reports.setMailed(company.id(), setting.enabled());
        return new Setting(reports.mailed(company.id()));
    }

    private YearMonth month(String text) {
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("The month '" + text + "' is not of the form YYYY-MM, such as 2026-10.");
        }
        if (month.isAfter(YearMonth.now(clock))) {
            throw ApiProblem.badRequest("The month " + month + " has not begun; ask for a past month or the current"
                    + " one.");
        }
        return month;
    }
}
