package org.opengateway.receiving;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.opengateway.config.GatewayFolders;
import org.springframework.stereotype.Component;

/**
 * Writes received invoices into the company's outbox folder, {@code <data-dir>/outbox/<company>/}, as
 * {@code <invoice number>_<id>.xml}. A file appears whole or not at all: it is written under a name ending in
 * {@code .tmp} (which folder readers skip), flushed to disk, then renamed in one step.
 */
@Component
public class CompanyOutbox {

    private static final int MAX_NUMBER_LENGTH = 100;

    private final GatewayFolders folders;

    public CompanyOutbox(GatewayFolders folders) {
        this.folders = folders;
    }

    /** Writes the file, replacing one of the same name (a delivery tried again); returns its path under the data folder. */
    public String write(String companySlug, String invoiceNumber, UUID id, byte[] content) throws IOException {
        Path folder = folders.outbox(companySlug);
        Files.createDirectories(folder);
        String name = fileName(invoiceNumber, id);
        Path target = folder.resolve(name);
        Path temporary = folder.resolve("." + name + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return folders.sharedRoot().relativize(target).toString().replace('\\', '/');
    }

    /** Whether the file written earlier (a path under the folder of the outboxes) is still there. */
    public boolean stillThere(String file) {
        return Files.exists(folders.sharedRoot().resolve(file));
    }

    /**
     * {@code <invoice number>_<id>.xml}, the number kept to letters, digits, '.', '-' and '_' (anything else becomes
     * '_') so it is a safe file name everywhere; "unknown" when the document has none.
     */
    static String fileName(String invoiceNumber, UUID id) {
        String number = invoiceNumber == null ? "" : invoiceNumber.strip().replaceAll("[^A-Za-z0-9._-]+", "_");
        number = number.replaceAll("^[._]+", "");
        if (number.length() > MAX_NUMBER_LENGTH) {
            number = number.substring(0, MAX_NUMBER_LENGTH);
        }
        return (number.isEmpty() ? "unknown" : number) + "_" + id + ".xml";
    }
}
