package org.opengateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The folders under the data folder: {@code inbox/<company>/} where customers drop invoices,
 * {@code archive/<company>/} for taken files and {@code rejected/<company>/} for refused ones with their reports, and
 * {@code outbox/<company>/} where the gateway puts the invoices the company received from the Peppol network.
 */
@Component
public class GatewayFolders {

    private final Path dataDir;

    public GatewayFolders(GatewayProperties properties) {
        this.dataDir = properties.absoluteDataDir();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path inboxRoot() {
        return dataDir.resolve("inbox");
    }

    public Path inbox(String company) {
        return inboxRoot().resolve(company);
    }

    public Path archive(String company) {
        return dataDir.resolve("archive").resolve(company);
    }

    public Path rejected(String company) {
        return dataDir.resolve("rejected").resolve(company);
    }

    public Path outbox(String company) {
        return dataDir.resolve("outbox").resolve(company);
    }

    /** Creates a company's folders if they are missing. */
    public void prepare(String company) {
        for (Path folder : new Path[] {inbox(company), archive(company), rejected(company), outbox(company)}) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the folder " + folder + ": " + e.getMessage(), e);
            }
        }
    }
}
