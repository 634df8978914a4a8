package org.opengateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The name of this gateway node, as it appears on the work it holds (leases) and in the history. It is kept in the
 * data folder, so a node that restarts knows the leases it held before and can take them up at once; no other node
 * ever has the same name.
 */
@Component
public class NodeIdentity {

    private final String name;

    public NodeIdentity(GatewayFolders folders) {
        Path file = folders.dataDir().resolve("node-id");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                String fresh = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
                Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8);
            }
            this.name = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the node name in " + file + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    private static String host() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.length() > 60 ? host.substring(0, 60) : host;
        } catch (IOException e) {
            return "node";
        }
    }
}
