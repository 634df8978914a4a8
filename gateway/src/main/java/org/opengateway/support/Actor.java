package org.opengateway.support;

import jakarta.servlet.http.HttpServletRequest;
import org.opengateway.account.Language;
import org.opengateway.account.SignedIn;
import org.opengateway.account.User;
import org.opengateway.api.ApiKeyFilter;
import org.opengateway.company.Company;

/**
 * Who takes a support action, as the invoice's history names them.
 *
 * @param user the person, or null for a call made with the company's API key
 */
public record Actor(String name, User user) {

    public static Actor of(HttpServletRequest request, Company company) {
        if (request.getAttribute(ApiKeyFilter.USER) instanceof SignedIn signedIn) {
            User user = signedIn.user();
            return new Actor(user.email() + (user.support() ? " (support staff)" : ""), user);
        }
        return new Actor("an API key of " + company.name(), null);
    }

    public boolean support() {
        return user != null && user.support();
    }

    /** The language answers are written in: the user's, English for an API key. */
    public Language language() {
        return user == null ? Language.EN : user.language();
    }
}
