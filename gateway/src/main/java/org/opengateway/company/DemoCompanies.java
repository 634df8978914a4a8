package org.opengateway.company;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.opengateway.config.GatewayFolders;
import org.opengateway.config.GatewayProperties;
import org.opengateway.document.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty installation, sets up a demo sender and a demo receiver with fresh random API
 * keys, and writes what a new user needs to try them into {@code <data-dir>/demo.properties}.
 * Every start makes sure each company's folders exist.
 */
@Component
public class DemoCompanies implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoCompanies.class);

    private final CompanyDirectory companies;
    private final GatewayFolders folders;
    private final GatewayProperties properties;

    public DemoCompanies(CompanyDirectory companies, GatewayFolders folders, GatewayProperties properties) {
        this.companies = companies;
        this.folders = folders;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.demo().enabled() && companies.isEmpty()) {
            createDemo();
        }
        companies.all().forEach(company -> folders.prepare(company.slug()));
    }

    private void createDemo() {
        Properties demo = new Properties();
        add(demo, "sender", "demo-sender", "Demo Sender AB", "5567321707");
        add(demo, "receiver", "demo-receiver", "Demo Receiver AB", "5564982212");
        Path file = folders.dataDir().resolve("demo.properties");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                demo.store(out, "Demo companies made on the first start. The API keys are shown here only.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        log.info("First start: created the demo companies 'demo-sender' and 'demo-receiver'. Their API keys and inbox"
                + " folders are in {}", file);
    }

    private void add(Properties demo, String role, String slug, String name, String orgNumber) {
        ParticipantId participant = new ParticipantId("0007", orgNumber);
        Company company = companies.register(slug, name, orgNumber, List.of(participant));
        folders.prepare(slug);
        demo.setProperty(role + ".name", name);
        demo.setProperty(role + ".org-number", orgNumber);
        demo.setProperty(role + ".participant", participant.toString());
        demo.setProperty(role + ".api-key", companies.createApiKey(company.id(), "demo"));
        demo.setProperty(role + ".inbox", folders.inbox(slug).toString());
        demo.setProperty(role + ".company-id", company.id().toString());
    }
}
