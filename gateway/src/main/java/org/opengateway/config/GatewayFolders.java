package org.opengateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opengateway.cluster.ClusterProperties;
import org.springframework.stereotype.Component;

/**
 * The folders customers see: {@code inbox/<company>/} where they drop invoices, {@code archive/<company>/} for taken
 * files and {@code rejected/<company>/} for refused ones with their reports, and {@code outbox/<company>/} where the
 * gateway puts the invoices the company received from the Peppol network. They lie in the data folder, or, when
 * several nodes share them, in {@code gateway.cluster.shared-dir}.
 */
@Component
public class GatewayFolders {

    private final Path dataDir;
    private final Path sharedRoot;

    public GatewayFolders(GatewayProperties properties, ClusterProperties cluster) {
        this.dataDir = properties.absoluteDataDir();
        this.sharedRoot = cluster.sharedDir() == null ? dataDir : cluster.sharedDir().toAbsolutePath().normalize();
    }

    /** This node's own folder (database, broker journal, node name, demo files). */
    public Path dataDir() {
        return dataDir;
    }

    /** The folder of inbox, archive, rejected and outbox: the data folder unless nodes share one. */
    public Path sharedRoot() {
        return sharedRoot;
    }

    public Path inboxRoot() {
        return sharedRoot.resolve("inbox");
    }

    public Path inbox(String company) {
        return inboxRoot().resolve(company);
    }

    public Path archive(String company) {
        return sharedRoot.resolve("archive").resolve(company);
    }

    public Path rejected(String company) {
        return sharedRoot.resolve("rejected").resolve(company);
    }

    public Path outbox(String company) {
        return sharedRoot.resolve("outbox").resolve(company);
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
