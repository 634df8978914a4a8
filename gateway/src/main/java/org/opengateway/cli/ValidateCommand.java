package org.opengateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opengateway.validation.DocumentValidation;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationJson;
import org.opengateway.validation.ValidationReport;
import org.opengateway.validation.Validators;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar gateway.jar validate [--json] [--all-layers] FILE...}: the gateway's own validation, without
 * starting a server. Exit status 0 when every file is valid, 1 when any is invalid, 2 for a usage error or a file
 * that cannot be read.
 */
public final class ValidateCommand {

    static final String USAGE = """
            Usage: java -jar gateway.jar validate [--json] [--all-layers] FILE...
              Validates each FILE (a UBL Invoice or CreditNote, bare or in a Peppol SBDH) with the rules in force today:
              the UBL 2.1 schema, then EN 16931 and Peppol BIS Billing 3.0 (or Self-Billing) chosen by CustomizationID.
              --json        one JSON object per file, one per line
              --all-layers  run the business rules even on a file that fails the schema
            Exit status: 0 all valid, 1 any invalid, 2 usage error or unreadable file.""";

    private final Supplier<DocumentValidation> engine;
    private final PrintStream out;
    private final PrintStream err;
    private final JsonMapper json = JsonMapper.builder().build();

    public ValidateCommand(Supplier<DocumentValidation> engine, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.out = out;
        this.err = err;
    }

    public static int main(String[] args) {
        return new ValidateCommand(() -> Validators.standalone(Clock.systemUTC()), System.out, System.err).run(args);
    }

    public int run(String[] args) {
        boolean asJson = false;
        boolean allLayers = false;
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--json" -> asJson = true;
                case "--all-layers" -> allLayers = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        err.println("Unknown option " + arg + ".\n" + USAGE);
                        return 2;
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (files.isEmpty()) {
            err.println("Name at least one file to validate.\n" + USAGE);
            return 2;
        }
        DocumentValidation validation = engine.get();
        int status = 0;
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                status = 2;
                continue;
            }
            ValidationReport report = validation.check(bytes, allLayers).report();
            if (asJson) {
                out.println(json.writeValueAsString(ValidationJson.report(file.toString(), report)));
            } else {
                print(file, report);
            }
            if (!report.valid() && status == 0) {
                status = 1;
            }
        }
        out.flush();
        return status;
    }

    private void print(Path file, ValidationReport report) {
        long fatal = report.count(Severity.FATAL);
        long warnings = report.count(Severity.WARNING);
        out.println(report.valid() ? file + ": VALID"
                : file + ": INVALID (" + fatal + " fatal, " + warnings + (warnings == 1 ? " warning)" : " warnings)"));
        for (Finding f : report.findings()) {
            StringBuilder line = new StringBuilder("  ").append(f.severity().label()).append(' ').append(f.rule());
            if (f.line() != null) {
                line.append(" line ").append(f.line());
            }
            if (f.location() != null) {
                line.append(" at ").append(f.location());
            }
            out.println(line.append(": ").append(f.message()));
        }
    }
}
