package org.opengateway.account;

import jakarta.servlet.http.HttpServletRequest;
import org.opengateway.api.ApiKeyFilter;
import org.opengateway.api.ApiProblem;
import org.springframework.http.HttpStatus;

/** A request made by a logged-in user, with the session it came in; the request attribute {@link ApiKeyFilter#USER}. */
public record SignedIn(User user, Sessions.ActiveSession session) {

    /** The user who makes the request; 403 for a call made with an API key, which acts for a company, not a person. */
    public static SignedIn of(HttpServletRequest request) {
        if (request.getAttribute(ApiKeyFilter.USER) instanceof SignedIn signedIn) {
            return signedIn;
        }
        throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "This call is made by a person: log in with"
                + " POST /api/v1/login and send the token it answers as 'Authorization: Bearer <token>'. An API key acts"
                + " for its company only.");
    }
}
