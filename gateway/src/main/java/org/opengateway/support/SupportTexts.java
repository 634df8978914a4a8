package org.opengateway.support;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.opengateway.account.Language;
import org.springframework.stereotype.Component;

/**
 * The plain words of support's answers, from {@code support/messages_<language>.properties} ({@code {0}}... for the
 * arguments). A language without its own text gets the English one of {@code support/messages.properties}.
 */
@Component
public class SupportTexts {

    private static final ResourceBundle.Control NO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String text(Language language, String key, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle("support/messages", language.locale(), NO_SYSTEM_LOCALE);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException notYetTranslated) {
            pattern = ResourceBundle.getBundle("support/messages", Locale.ROOT, NO_SYSTEM_LOCALE).getString(key);
        }
        return new MessageFormat(pattern, language.locale()).format(arguments);
    }
}
