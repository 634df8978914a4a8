package org.opengateway.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On an external broker, writes {@code <data-dir>/external-broker.xml} at every start: the broker.xml sections and
 * user commands of {@link ExternalBrokerSettings} for the companies of that moment, for the operator to apply.
 */
@Component
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
public class ExternalBrokerSetupFile {

    public static final String FILE_NAME = "external-broker.xml";
    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerSetupFile.class);

    private final CompanyDirectory companies;
    private final GatewayFolders folders;

    public ExternalBrokerSetupFile(CompanyDirectory companies, GatewayFolders folders) {
        this.companies = companies;
        this.folders = folders;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void write() {
        Path file = folders.dataDir().resolve(FILE_NAME);
        Path partial = folders.dataDir().resolve("." + FILE_NAME + ".tmp");
        try {
            Files.writeString(partial, ExternalBrokerSettings.forCompanies(companies.all()), StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Using an external broker. The addresses, users and permissions it needs for the {} companies"
                    + " are in {}: apply them to broker.xml of the primary and the backup.", companies.all().size(), file);
        } catch (IOException e) {
            log.warn("Could not write the external broker's settings to {}: {}. Check that the data folder is"
                    + " writable; the gateway runs on without the file.", file, e.getMessage());
        }
    }
}
