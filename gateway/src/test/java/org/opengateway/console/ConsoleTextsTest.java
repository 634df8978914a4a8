package org.opengateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opengateway.account.Language;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The console's texts: a text missing in a language would show in English, so each language has every one. */
class ConsoleTextsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyLanguageHasEveryTextOfTheEnglishOneWithTheSamePlaceholders() throws IOException {
        Map<String, String> english = texts(Language.EN);
        for (Language language : Language.values()) {
            Map<String, String> texts = texts(language);
            assertThat(texts.keySet()).as("the texts of %s.json", language.code())
                    .containsExactlyInAnyOrderElementsOf(english.keySet());
            english.forEach((key, text) -> assertThat(placeholders(texts.get(key)))
                    .as("%s in %s.json", key, language.code()).isEqualTo(placeholders(text)));
        }
    }

    @Test
    void theServerSideTextsAreTheBundlesOfThePages() throws IOException {
        ConsoleTexts texts = new ConsoleTexts(json);
        assertThat(texts.text(Language.FI, "export.sheet")).isEqualTo("Laskut");
        assertThat(texts.text(Language.DA, "column.total")).isEqualTo(texts(Language.DA).get("column.total"));
    }

    private Map<String, String> texts(Language language) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/static/console/i18n/" + language.code() + ".json")) {
            assertThat(in).as("%s.json", language.code()).isNotNull();
            return json.readValue(in, new TypeReference<Map<String, String>>() {
            });
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text == null ? "" : text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
