package org.opengateway.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.opengateway.company.Company;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether the caller of an API request may act for a company named in the path
 * ({@code /api/v1/companies/{companyId}/...}). Today the caller is an API key, which acts for exactly one company.
 */
@Component
public class CompanyAccess {

    /** The company named in the path, if the caller may act for it; otherwise 404, so that no one learns which ids exist. */
    public Company require(HttpServletRequest request, UUID companyId) {
        Object caller = request.getAttribute(ApiKeyFilter.COMPANY);
        if (caller instanceof Company company && company.id().equals(companyId)) {
            return company;
        }
        throw ApiProblem.notFound("You have no company with the id " + companyId
                + ". Check the id, or ask an administrator of that company to give you access.");
    }
}
