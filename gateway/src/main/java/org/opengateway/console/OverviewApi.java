package org.opengateway.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.opengateway.api.CompanyAccess;
import org.opengateway.company.Company;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The numbers behind the console's overview page. */
@RestController
@Tag(name = "Invoices of a company (console)")
@SecurityRequirement(name = "apiKey")
public class OverviewApi {

    private final CompanyAccess access;
    private final FlowOverview overview;

    public OverviewApi(CompanyAccess access, FlowOverview overview) {
        this.access = access;
        this.overview = overview;
    }

    @Operation(summary = "The company's flow over the last days: sent and received per day, and how the sent ones stand",
            description = "days: 1 to 366, 30 unless given. Days are UTC.")
    @GetMapping("/api/v1/companies/{companyId}/overview")
    public FlowOverview.Flow overview(@PathVariable UUID companyId, @RequestParam(defaultValue = "30") int days,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        if (days < 1 || days > 366) {
            throw ApiProblem.badRequest("The parameter 'days' is " + days + "; it must be between 1 and 366.");
        }
        return overview.of(company.id(), days);
    }
}
