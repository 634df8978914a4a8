package org.opengateway.company;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.opengateway.account.SignedIn;
import org.opengateway.account.User;
import org.opengateway.api.CompanyAccess;
import org.springframework.stereotype.Component;

/**
 * Who may read and change a company's settings: reading as any other company call ({@link CompanyAccess}: the
 * company's users, its API key, support staff); changing only a person granted the company, so that every change
 * has a name in the audit trail. Support staff get 403 from {@link CompanyAccess}.
 */
@Component
public class SettingsAccess {

    private final CompanyAccess access;

    public SettingsAccess(CompanyAccess access) {
        this.access = access;
    }

    public Company read(HttpServletRequest request, UUID companyId) {
        return access.require(request, companyId);
    }

    public Editor change(HttpServletRequest request, UUID companyId) {
        Company company = access.require(request, companyId);
        return new Editor(company, SignedIn.of(request).user());
    }

    /** A person allowed to change the company's settings. */
    public record Editor(Company company, User user) {
    }
}
