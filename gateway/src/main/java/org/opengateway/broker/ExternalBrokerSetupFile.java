package org.opengateway.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On an external broker, writes at every start what {@link ExternalBrokerSettings} says the broker needs for the
 * companies of that moment, for the operator to apply: {@code <data-dir>/external-broker.xml} (broker.xml sections)
 * and {@code <data-dir>/external-broker-users.txt} (the users to add).
 */
@Component
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
public class ExternalBrokerSetupFile {

    public static final String SETTINGS_FILE = "external-broker.xml";
    public static final String USERS_FILE = "external-broker-users.txt";
    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerSetupFile.class);

    private final CompanyDirectory companies;
    private final GatewayFolders folders;

    public ExternalBrokerSetupFile(CompanyDirectory companies, GatewayFolders folders) {
        this.companies = companies;
        this.folders = folders;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void write() {
        List<Company> all = companies.all();
        Path settings = folders.dataDir().resolve(SETTINGS_FILE);
        try {
            replace(settings, ExternalBrokerSettings.brokerXml(all));
            replace(folders.dataDir().resolve(USERS_FILE), ExternalBrokerSettings.userCommands(all));
            log.info("Using an external broker. The addresses, permissions and users it needs for the {} companies are"
                    + " in {} and {}: apply them to both brokers of the pair.", all.size(), settings, USERS_FILE);
        } catch (IOException e) {
            log.warn("Could not write the external broker's settings into {}: {}. Check that the data folder is"
                    + " writable; the gateway runs on without the files.", folders.dataDir(), e.getMessage());
        }
    }

    /** Whole or not at all: written beside, then renamed. */
    private static void replace(Path file, String text) throws IOException {
        Path partial = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
