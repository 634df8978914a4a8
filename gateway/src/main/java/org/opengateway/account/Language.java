package org.opengateway.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opengateway.api.ApiProblem;

/** The languages a user may choose; the gateway writes its mails to them in it. */
public enum Language {
    SV, EN, IS, FI, DA;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** The language of the code, English when none is given; a clear error naming {@code field} otherwise. */
    public static Language of(String code, String field) {
        if (code == null || code.isBlank()) {
            return EN;
        }
        return Arrays.stream(values()).filter(language -> language.code().equalsIgnoreCase(code.trim())).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("The field '" + field + "' is '" + code + "'; it must be one of "
                        + Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", ")) + "."));
    }
}
