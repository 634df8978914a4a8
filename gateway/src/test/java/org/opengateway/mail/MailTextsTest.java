package org.opengateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailTextsTest {

    private final OutgoingMail mail = new OutgoingMail(null, new MailSettings("gateway@localhost"));

    @Test
    void swedishHasEveryEnglishText() throws IOException {
        Properties english = bundle("en");
        Properties swedish = bundle("sv");
        assertThat(english).isNotEmpty();
        assertThat(swedish.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
    }

    @Test
    void everyLanguageHasItsBundleAndFallsBackToEnglish() throws IOException {
        for (String language : new String[] {"is", "fi", "da"}) {
            bundle(language); // present, ready to fill
            assertThat(mail.text("password-reset.subject", Locale.forLanguageTag(language)))
                    .isEqualTo(mail.text("password-reset.subject", Locale.ENGLISH));
        }
        assertThat(mail.text("password-reset.subject", Locale.forLanguageTag("sv")))
                .isEqualTo("Välj ett nytt lösenord för e-fakturagatewayen");
        assertThat(mail.text("password-reset.body", Locale.ENGLISH, "Ada", "ada@example.com", 30, "https://x/y"))
                .contains("Hello Ada,").contains("within 30 minutes").contains("https://x/y");
    }

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MailTextsTest.class.getResourceAsStream("/mail/messages_" + language + ".properties")) {
            assertThat(in).as("mail/messages_" + language + ".properties").isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
