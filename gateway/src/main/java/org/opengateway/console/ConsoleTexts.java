package org.opengateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.opengateway.account.Language;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's texts in each language: the same files the pages load ({@code static/console/i18n/<code>.json}), so
 * that an export is labelled exactly as the screen. A text missing in a language is taken from English.
 */
@Component
public class ConsoleTexts {

    private final Map<Language, Map<String, String>> texts = new EnumMap<>(Language.class);

    public ConsoleTexts(JsonMapper json) {
        for (Language language : Language.values()) {
            try (InputStream in = ConsoleTexts.class.getResourceAsStream("/static/console/i18n/" + language.code()
                    + ".json")) {
                texts.put(language, in == null ? Map.of() : json.readValue(in, new TypeReference<Map<String, String>>() {
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The text of {@code key} in the language, else in English, else the key itself. */
    public String text(Language language, String key) {
        String text = texts.get(language).get(key);
        return text != null ? text : texts.get(Language.EN).getOrDefault(key, key);
    }
}
