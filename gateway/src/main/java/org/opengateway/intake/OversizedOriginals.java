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
    private final IntakeService intake;
    private final long limit;

    public OversizedOriginals(GatewayFolders folders, IntakeService intake,
            org.opengateway.config.GatewayProperties properties) {
        this.folders = folders;
        this.intake = intake;
        this.limit = properties.intake().maxDocumentSize().toBytes();
    }

    /**
     * Keeps a document that came over the limit (what was read, {@code prefix}, and the rest of the stream) and
     * records it as a rejected invoice of the company; the reason says where the original is kept.
     */
    public IntakeResult refuse(Submission submission, java.io.InputStream rest) {
        String name = submission.channel().name().toLowerCase(java.util.Locale.ROOT) + "-upload.xml";
        Kept kept = keep(submission.company().slug(), name, submission.content(), rest, limit);
        return intake.refuseOversized(submission.channel(), submission.company(), submission.sourceName(),
                kept.size(), kept.sha256(), limit, folders.sharedRoot().relativize(kept.path()).toString());
    }

    public record Kept(Path path, long size, String sha256, boolean truncated) {
    }

    private Kept keep(String company, String name, byte[] prefix, InputStream rest, long limit) {
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
