package org.opengateway.company;

import java.util.Locale;
import org.opengateway.api.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A confirmation link that no longer works (or never did), with what the page tells the person in their company's
 * language: the text {@code confirm-page.<reason>} of the mail bundles, with its arguments. {@code language} is null
 * when the link is unknown, so its company is too.
 */
final class LinkRefused extends ApiProblem {

    private final String reason;
    private final transient Object[] arguments;
    private final Locale language;

    LinkRefused(HttpStatus status, String englishText, String reason, Locale language, Object... arguments) {
        super(status, status == HttpStatus.NOT_FOUND ? "Not found" : "Link no longer valid", englishText);
        this.reason = reason;
        this.language = language;
        this.arguments = arguments.clone();
    }

    String textKey() {
        return "confirm-page." + reason;
    }

    Object[] arguments() {
        return arguments.clone();
    }

    Locale language() {
        return language;
    }
}
