package org.opengateway.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.UUID;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.SignedIn;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether the caller of an API request may act for a company named in the path
 * ({@code /api/v1/companies/{companyId}/...}): an API key acts for exactly its company; a user for the companies
 * granted to them; support staff may read every company but change none.
 */
@Component
public class CompanyAccess {

    private static final Set<String> READING_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final CompanyDirectory companies;
    private final CompanyGrants grants;

    public CompanyAccess(CompanyDirectory companies, CompanyGrants grants) {
        this.companies = companies;
        this.grants = grants;
    }

    /** The company named in the path, if the caller may act for it; otherwise 404, so that no one learns which ids exist. */
    public Company require(HttpServletRequest request, UUID companyId) {
        Object caller = request.getAttribute(ApiKeyFilter.COMPANY);
        if (caller instanceof Company company && company.id().equals(companyId)) {
            return company;
        }
        if (request.getAttribute(ApiKeyFilter.USER) instanceof SignedIn signedIn) {
            if (grants.has(signedIn.user().id(), companyId)) {
                return companies.findById(companyId).orElseThrow(() -> notFound(companyId));
            }
            if (signedIn.user().support()) {
                Company company = companies.findById(companyId).orElseThrow(() -> notFound(companyId));
                if (READING_METHODS.contains(request.getMethod())) {
                    return company;
                }
                throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "Support staff may look at every company but"
                        + " not change anything for it. Ask an administrator of " + company.name() + " to make the change.");
            }
        }
        throw notFound(companyId);
    }

    /**
     * As {@link #require}, but support staff may also change: for support's own actions on a company's invoices
     * (resend, cancel...), which they are there to take and which are audited. Company settings stay out of reach.
     */
    public Company requireForSupportAction(HttpServletRequest request, UUID companyId) {
        if (request.getAttribute(ApiKeyFilter.USER) instanceof SignedIn signedIn && signedIn.user().support()) {
            return companies.findById(companyId).orElseThrow(() -> notFound(companyId));
        }
        return require(request, companyId);
    }

    private static ApiProblem notFound(UUID companyId) {
        return ApiProblem.notFound("You have no company with the id " + companyId
                + ". Check the id, or ask an administrator of that company to give you access.");
    }
}
