package org.opengateway.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.config.GatewayFolders;
import org.opengateway.config.GatewayProperties;
import org.opengateway.tracking.Channel;
import org.opengateway.validation.Finding;
import org.springframework.stereotype.Component;

/**
 * The folder channel: a file found in {@code inbox/<company>/} goes through intake, and the answer is where the
 * file goes next: {@code archive/<company>/} when accepted, {@code rejected/<company>/} with a report beside it
 * when not. The route moves the file there after this returns, so a crash before that leaves it in the inbox, and
 * taking it again finds the invoice already made from the same bytes.
 */
@Component
public class FolderIntake {

    private static final String NO_COMPANY = "_unknown";

    private final IntakeService intake;
    private final CompanyDirectory companies;
    private final GatewayFolders folders;
    private final long maxDocumentSize;

    public FolderIntake(IntakeService intake, CompanyDirectory companies, GatewayFolders folders,
            GatewayProperties properties) {
        this.intake = intake;
        this.companies = companies;
        this.folders = folders;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
    }

    /**
     * Takes one file; {@code relativePath} is its path under the inbox root, such as {@code demo-sender/a.xml}.
     * Returns the absolute path the file is to be moved to.
     */
    public String take(String absolutePath, String relativePath) {
        Path file = Path.of(absolutePath);
        String name = file.getFileName().toString();
        Path relative = Path.of(relativePath);
        String slug = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
        Optional<Company> company = slug == null ? Optional.empty() : companies.findBySlug(slug);
        if (company.isEmpty()) {
            Path target = free(folders.rejected(NO_COMPANY), name);
            writeReport(target, null, "No company has the inbox folder '" + (slug == null ? "." : slug)
                    + "'. Put invoices in your company's own folder under " + folders.inboxRoot() + ".", null);
            return target.toString();
        }
        String companySlug = company.get().slug();
        long size = size(file);
        if (size > maxDocumentSize) {
            Path target = free(folders.rejected(companySlug), name);
            IntakeResult result = intake.refuseOversized(Channel.FOLDER, company.get(), relativePath, size,
                    sha256(file), maxDocumentSize,
                    target.toString());
            writeReport(target, result, result.reason(), null);
            return target.toString();
        }
        IntakeResult result = intake.submit(new Submission(Channel.FOLDER, company.get(), read(file, size), relativePath));
        if (result.accepted()) {
            return free(folders.archive(companySlug), name).toString();
        }
        Path target = free(folders.rejected(companySlug), name);
        writeReport(target, result, result.reason(), result);
        return target.toString();
    }

    private static void writeReport(Path target, IntakeResult result, String reason, IntakeResult withFindings) {
        StringBuilder report = new StringBuilder();
        report.append("The file ").append(target.getFileName()).append(" was not accepted.\n\n");
        if (result != null) {
            report.append("Invoice id: ").append(result.id()).append('\n');
            if (result.invoiceNumber() != null) {
                report.append("Invoice number: ").append(result.invoiceNumber()).append('\n');
            }
            report.append('\n');
        }
        report.append("Why: ").append(reason).append("\n\n");
        if (withFindings != null && !withFindings.findings().isEmpty()) {
            report.append("Everything found (").append(withFindings.findings().size()).append("):\n");
            int n = 1;
            for (Finding f : withFindings.findings()) {
                report.append(n++).append(". [").append(f.rule()).append("] ").append(f.severity().label());
                if (f.line() != null) {
                    report.append(", line ").append(f.line());
                }
                if (f.location() != null) {
                    report.append(", at ").append(f.location());
                }
                report.append(": ").append(f.message()).append('\n');
            }
            report.append('\n');
        }
        report.append("What to do: correct the document and put it in your inbox folder again."
                + " The original is kept here unchanged.\n");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target.resolveSibling(target.getFileName() + ".errors.txt"), report,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report beside " + target + ": " + e.getMessage(), e);
        }
    }

    /** The file name in the folder, or the same with a number added when a file of that name is already there. */
    private static Path free(Path folder, String name) {
        Path candidate = folder.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = folder.resolve(stem + "-" + n + extension);
        }
        return candidate;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            return org.opengateway.document.Sha256.hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, long limit) {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
