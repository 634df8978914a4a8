package org.opengateway.company;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.opengateway.api.ApiProblem;
import org.opengateway.mail.OutgoingMail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a mailed confirmation link opens, and its button. Opening the link changes nothing (mail scanners follow
 * links); only the POST of the button applies the change. The link's token is the only credential, so no login.
 */
@RestController
@Tag(name = "Company settings")
public class ConfirmationApi {

    private final SensitiveChanges changes;
    private final OutgoingMail texts;

    public ConfirmationApi(SensitiveChanges changes, OutgoingMail texts) {
        this.changes = changes;
        this.texts = texts;
    }

    @Operation(summary = "The page of a mailed confirmation link: what would change, and a button to confirm it",
            description = "Changes nothing. 404 or 410 with the reason for an unknown, used, replaced or expired link.")
    @GetMapping(value = SensitiveChanges.PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page(@PathVariable String token) {
        SensitiveChanges.LinkView link;
        try {
            link = changes.check(token);
        } catch (ApiProblem problem) {
            return refused(problem);
        }
        Locale language = link.language();
        String what = texts.text("change." + link.kind().name(), language);
        String form = """
                <p>%s</p>
                <form method="post"><button type="submit">%s</button></form>
                """.formatted(escape(texts.text("confirm-page.intro", language, link.companyName(), what, link.summary())),
                escape(texts.text("confirm-page.button", language)));
        return page(200, language, form);
    }

    @Operation(summary = "Confirm the change of a mailed link: applies it, once, before the link expires",
            description = "404 or 410 with the reason for an unknown, used, replaced or expired link.")
    @PostMapping(value = SensitiveChanges.PATH + "{token}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> confirm(@PathVariable String token) {
        SensitiveChanges.Outcome outcome = changes.confirm(token);
        if (outcome.refusal().isPresent()) {
            return refused(outcome.refusal().get());
        }
        return page(200, outcome.language(), "<p>" + escape(texts.text("confirm-page.done", outcome.language())) + "</p>");
    }

    /** The refusal in the company's language; an unknown link's company is unknown too, so in Swedish and English. */
    private ResponseEntity<String> refused(ApiProblem problem) {
        if (!(problem instanceof LinkRefused refused)) {
            return page(problem.status().value(), Locale.ENGLISH, "<p>" + escape(problem.getMessage()) + "</p>");
        }
        if (refused.language() == null) {
            Locale swedish = Locale.forLanguageTag("sv");
            return page(problem.status().value(), Locale.ENGLISH, "<p>" + escape(problem.getMessage()) + "</p><p lang=\"sv\">"
                    + escape(texts.text(refused.textKey(), swedish, refused.arguments())) + "</p>");
        }
        return page(problem.status().value(), refused.language(), "<p>"
                + escape(texts.text(refused.textKey(), refused.language(), refused.arguments())) + "</p>");
    }

    private ResponseEntity<String> page(int status, Locale language, String content) {
        String html = """
                <!DOCTYPE html>
                <html lang="%s">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%s</title></head>
                <body>
                <h1>%s</h1>
                %s
                </body>
                </html>
                """.formatted(language.getLanguage(), escape(texts.text("confirm-page.title", language)),
                escape(texts.text("confirm-page.title", language)), content);
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
