package org.opengateway.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Every mail the gateway sends goes through here. Texts come from the bundles {@code mail/messages_<language>}: a
 * template {@code name} is the pair {@code name.subject} and {@code name.body}, with {@code {0}}, {@code {1}}... for
 * the arguments. A language without its own text gets the English one.
 */
@Component
public class OutgoingMail {

    private static final Logger log = LoggerFactory.getLogger(OutgoingMail.class);

    private final JavaMailSender sender;
    private final MailSettings settings;
    private final ResourceBundleMessageSource texts = texts();

    public OutgoingMail(JavaMailSender sender, MailSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /** Sends the mail; false (and the reason in the log) when the SMTP server could not take it. */
    public boolean send(String to, Locale language, String template, Object... arguments) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(to);
        message.setSubject(text(template + ".subject", language, arguments));
        message.setText(text(template + ".body", language, arguments));
        try {
            sender.send(message);
            return true;
        } catch (MailException e) {
            log.error("Could not send the mail '{}' to {}: {}. Check spring.mail.host and spring.mail.port (the SMTP"
                    + " server), and its login in spring.mail.username and spring.mail.password.", template, to,
                    e.getMessage());
            return false;
        }
    }

    /** A file sent with a mail. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    /** As {@link #send}, with a file attached. */
    public boolean send(String to, Locale language, String template, Attachment attachment, Object... arguments) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(to);
            helper.setSubject(text(template + ".subject", language, arguments));
            helper.setText(text(template + ".body", language, arguments));
            helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()),
                    attachment.contentType());
            sender.send(message);
            return true;
        } catch (MailException | MessagingException e) {
            log.error("Could not send the mail '{}' to {}: {}. Check spring.mail.host and spring.mail.port (the SMTP"
                    + " server), and its login in spring.mail.username and spring.mail.password.", template, to,
                    e.getMessage());
            return false;
        }
    }

    /** The text in the language, or in English when that language has no text for the key yet. */
    public String text(String key, Locale language, Object... arguments) {
        try {
            return texts.getMessage(key, arguments, language);
        } catch (NoSuchMessageException notYetTranslated) {
            return texts.getMessage(key, arguments, Locale.ENGLISH);
        }
    }

    private static ResourceBundleMessageSource texts() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("mail/messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        source.setDefaultLocale(Locale.ENGLISH);
        source.setAlwaysUseMessageFormat(true);
        return source;
    }
}
