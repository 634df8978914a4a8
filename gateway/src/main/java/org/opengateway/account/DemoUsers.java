package org.opengateway.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.company.DemoCompanies;
import org.opengateway.config.GatewayFolders;
import org.opengateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With the demo companies, two demo users with fresh random passwords, added to {@code <data-dir>/demo.properties}:
 * one administers the demo sender, the other is support staff. Made once, when the demo sender exists and no user does.
 */
@Component
public class DemoUsers implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final String SENDER_EMAIL = "sender@demo.invalid";
    static final String SUPPORT_EMAIL = "support@demo.invalid";

    private final Users users;
    private final CompanyGrants grants;
    private final CompanyDirectory companies;
    private final GatewayFolders folders;
    private final GatewayProperties properties;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    /** Takes the demo companies so that they are made first. */
    public DemoUsers(Users users, CompanyGrants grants, CompanyDirectory companies, DemoCompanies demoCompanies,
            GatewayFolders folders, GatewayProperties properties, JdbcClient jdbc) {
        this.users = users;
        this.grants = grants;
        this.companies = companies;
        this.folders = folders;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        Path file = folders.dataDir().resolve("demo.properties");
        if (!properties.demo().enabled() || !users.isEmpty() || !Files.exists(file)) {
            return;
        }
        companies.findBySlug("demo-sender").ifPresent(sender -> {
            jdbc.sql("UPDATE company SET country = 'SE' WHERE country IS NULL AND slug IN ('demo-sender', 'demo-receiver')")
                    .update();
            String senderPassword = password();
            String supportPassword = password();
            User senderUser = users.create(SENDER_EMAIL, "Demo Sender User", Language.EN, senderPassword, false);
            grants.grant(senderUser.id(), sender.id(), CompanyGrants.ADMINISTRATOR);
            users.create(SUPPORT_EMAIL, "Demo Support", Language.EN, supportPassword, true);
            append(file, "# Demo users made on the first start; the passwords are shown here only.\n"
                    + "sender.user.email=" + SENDER_EMAIL + "\n"
                    + "sender.user.password=" + senderPassword + "\n"
                    + "support.user.email=" + SUPPORT_EMAIL + "\n"
                    + "support.user.password=" + supportPassword + "\n");
            log.info("First start: created the demo users {} (administers demo-sender) and {} (support staff); their"
                    + " passwords are in {}", SENDER_EMAIL, SUPPORT_EMAIL, file);
        });
    }

    private String password() {
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
