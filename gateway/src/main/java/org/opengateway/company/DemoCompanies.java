package org.opengateway.company;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.config.GatewayFolders;
import org.opengateway.config.GatewayProperties;
import org.opengateway.document.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty installation (by one node, when several start at once), sets up a demo sender and a demo receiver with fresh random API
 * keys, writes what a new user needs to try them into {@code <data-dir>/demo.properties}, and a valid invoice from
 * the one to the other into {@code <data-dir>/demo-invoice.xml}. Every start makes sure each company's folders exist.
 */
@Component
public class DemoCompanies implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoCompanies.class);

    private final CompanyDirectory companies;
    private final GatewayFolders folders;
    private final GatewayProperties properties;
    private final ReceiverSetup receivers;
    private final ClusterJobs clusterJobs;

    public DemoCompanies(CompanyDirectory companies, GatewayFolders folders, GatewayProperties properties,
            ReceiverSetup receivers, ClusterJobs clusterJobs) {
        this.companies = companies;
        this.folders = folders;
        this.properties = properties;
        this.receivers = receivers;
        this.clusterJobs = clusterJobs;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.demo().enabled()) {
            // nodes that start together on an empty database: the first makes the demo, the others then find it made
            clusterJobs.oneAtATime("demo-companies", () -> {
                if (companies.isEmpty()) {
                    createDemo();
                }
            });
        }
        companies.all().forEach(company -> folders.prepare(company.slug()));
    }

    private void createDemo() {
        Map<String, String> demo = new LinkedHashMap<>();
        add(demo, "sender", "demo-sender", "Demo Sender AB", properties.demo().senderOrgNumber());
        add(demo, "receiver", "demo-receiver", "Demo Receiver AB", properties.demo().receiverOrgNumber());
        Path invoice = folders.dataDir().resolve("demo-invoice.xml");
        demo.put("demo.invoice", invoice.toString());
        write(invoice, demoInvoice(demo));
        StringBuilder text = new StringBuilder("# Demo companies made on the first start. The API keys are shown here only.\n");
        demo.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Path file = folders.dataDir().resolve("demo.properties");
        write(file, text.toString());
        log.info("First start: created the demo companies 'demo-sender' and 'demo-receiver'. Their API keys and inbox"
                + " folders are in {}; a valid invoice from the one to the other is in {}", file, invoice);
    }

    private void add(Map<String, String> demo, String role, String slug, String name, String orgNumber) {
        ParticipantId participant = new ParticipantId("0007", orgNumber);
        Company company = companies.register(slug, name, orgNumber, List.of(participant));
        // the demo companies receive at once, so the demo invoice can go from the one to the other
        receivers.receiveWithDefaults(company);
        folders.prepare(slug);
        demo.put(role + ".name", name);
        demo.put(role + ".org-number", orgNumber);
        demo.put(role + ".participant", participant.toString());
        demo.put(role + ".api-key", companies.createApiKey(company.id(), "demo"));
        demo.put(role + ".inbox", folders.inbox(slug).toString());
        demo.put(role + ".outbox", folders.outbox(slug).toString());
        demo.put(role + ".company-id", company.id().toString());
    }

    private static String demoInvoice(Map<String, String> demo) {
        String template;
        try (InputStream in = DemoCompanies.class.getResourceAsStream("/demo/demo-invoice.xml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The demo invoice template is missing from the jar.", e);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> values = Map.of(
                "issueDate", today.toString(),
                "dueDate", today.plusDays(30).toString(),
                "senderName", demo.get("sender.name"),
                "senderOrgNumber", demo.get("sender.org-number"),
                "receiverName", demo.get("receiver.name"),
                "receiverOrgNumber", demo.get("receiver.org-number"));
        for (var entry : values.entrySet()) {
            template = template.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        for (String role : new String[] {"sender", "receiver"}) {
            ParticipantId participant = ParticipantId.parse(demo.get(role + ".participant"));
            template = template.replace("${" + role + "Scheme}", participant.scheme())
                    .replace("${" + role + "Value}", participant.value());
        }
        return template;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
