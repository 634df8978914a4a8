package org.opengateway.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.opengateway.config.GatewayFolders;
import org.springframework.stereotype.Component;

/**
 * Keeps a document that is over the size limit in the company's rejected folder instead of the database. Past
 * {@code 4 ×} the limit the rest is not read, so one huge upload cannot fill the disk.
 */
@Component
public class OversizedOriginals {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final GatewayFolders folders;

    public OversizedOriginals(GatewayFolders folders) {
        this.folders = folders;
    }

    public record Kept(Path path, long size, String sha256, boolean truncated) {
    }

    public Kept keep(String company, String name, byte[] prefix, InputStream rest, long limit) {
        Path folder = folders.rejected(company);
        Path file = folder.resolve(STAMP.format(LocalDateTime.now()) + "-" + name);
        long cap = limit * 4;
        try {
            Files.createDirectories(folder);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = prefix.length;
            boolean truncated = false;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                out.write(prefix);
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = rest.read(buffer)) > 0) {
                    if (size + n > cap) {
                        truncated = true;
                        break;
                    }
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            return new Kept(file, size, HexFormat.of().formatHex(digest.digest()), truncated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the oversized document at " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
