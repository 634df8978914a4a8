package org.opengateway.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.opengateway.account.AccountApi;
import org.opengateway.account.Language;
import org.opengateway.account.SignedIn;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.api.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in user's own choices: the language of the pages, and remembered settings such as list columns. */
@RestController
@Tag(name = "Accounts")
@SecurityRequirement(name = "apiKey")
public class PreferencesApi {

    private final Preferences preferences;
    private final Users users;

    public PreferencesApi(Preferences preferences, Users users) {
        this.preferences = preferences;
        this.users = users;
    }

    public record Preference(String name, String value) {
    }

    public record PreferenceValue(String value) {
    }

    public record LanguageChoice(String language) {
    }

    @Operation(summary = "A remembered choice of yours, such as columns.sent; value is null when none was saved")
    @GetMapping("/api/v1/account/preferences/{name}")
    public Preference get(@PathVariable String name, HttpServletRequest request) {
        User user = SignedIn.of(request).user();
        return new Preference(name, preferences.find(user.id(), name).orElse(null));
    }

    @Operation(summary = "Remember a choice of yours under a name: {\"value\": \"...\"} (up to 4,000 characters)")
    @PutMapping("/api/v1/account/preferences/{name}")
    public Preference put(@PathVariable String name, @RequestBody(required = false) PreferenceValue body,
            HttpServletRequest request) {
        User user = SignedIn.of(request).user();
        preferences.save(user.id(), name, body == null ? null : body.value());
        return new Preference(name, body.value());
    }

    @Operation(summary = "Choose the language of your pages and mails: {\"language\": \"sv\"} (sv, en, is, fi, da)")
    @PutMapping("/api/v1/account/language")
    public AccountApi.UserView language(@RequestBody(required = false) LanguageChoice body,
            HttpServletRequest request) {
        if (body == null || body.language() == null || body.language().isBlank()) {
            throw ApiProblem.badRequest("The field 'language' is missing: send {\"language\": \"sv\"} (sv, en, is, fi"
                    + " or da).");
        }
        Language language = Language.of(body.language(), "language");
        User user = SignedIn.of(request).user();
        users.setLanguage(user.id(), language);
        return AccountApi.UserView.of(new User(user.id(), user.email(), user.name(), language, user.support()));
    }
}
