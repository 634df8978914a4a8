package org.opengateway.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gateway.mail.*}: the sender address of every mail. The SMTP server itself is {@code spring.mail.*}. */
@ConfigurationProperties("gateway.mail")
public record MailSettings(@DefaultValue("gateway@localhost") String from) {
}
