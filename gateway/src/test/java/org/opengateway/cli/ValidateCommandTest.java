package org.opengateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opengateway.testing.Engines;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsAVerdictLinePerFileAndALinePerFinding() throws IOException {
        Path valid = write("valid.xml", TestInvoices.invoice("CLI-1", "0007:5567321707", "0007:5564982212"));
        Path invalid = write("invalid.xml", TestInvoices.invoice("CLI-2", "0007:5567321707", "0007:5564982212")
                .replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", ""));

        int status = run(valid.toString(), invalid.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains(valid + ": VALID\n")
                .contains(invalid + ": INVALID (1 fatal, 0 warnings)\n")
                .contains("  fatal PEPPOL-EN16931-R003 line 4 at /Invoice[1]: ");
    }

    @Test
    void allValidExitsWithZero() throws IOException {
        assertThat(run(write("a.xml", TestInvoices.creditNote("CLI-3", "0007:5567321707", "0007:5564982212"))
                .toString())).isZero();
    }

    @Test
    void jsonGivesOneObjectPerLine() throws IOException {
        Path broken = write("broken.xml", "<Invoice><oops></Invoice>");
        Path selfBilled = write("sb.xml", TestInvoices.selfBilled("CLI-4", "0007:5567321707", "0007:5564982212"));

        int status = run("--json", broken.toString(), selfBilled.toString());

        assertThat(status).isEqualTo(1);
        String[] lines = out().split("\n");
        assertThat(lines).hasSize(2);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.get("file").asString()).isEqualTo(broken.toString());
        assertThat(first.get("valid").asBoolean()).isFalse();
        assertThat(first.get("findings")).hasSize(1);
        assertThat(first.get("findings").get(0).get("rule").asString()).isEqualTo("XML");
        assertThat(first.get("findings").get(0).get("severity").asString()).isEqualTo("fatal");
        JsonNode second = json.readTree(lines[1]);
        assertThat(second.get("valid").asBoolean()).isTrue();
        assertThat(second.get("ruleset").asString()).isEqualTo("peppol-selfbilling-2026.5");
        assertThat(second.get("findings")).isEmpty();
    }

    @Test
    void allLayersRunsTheBusinessRulesOnASchemaFailure() throws IOException {
        Path file = write("both.xml", TestInvoices.schemaInvalid("CLI-5", "0007:5567321707", "0007:5564982212")
                .replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", ""));
        run(file.toString());
        assertThat(out()).contains("XSD").doesNotContain("PEPPOL-EN16931-R003");
        out.reset();
        run("--all-layers", file.toString());
        assertThat(out()).contains("XSD").contains("PEPPOL-EN16931-R003");
    }

    @Test
    void usageErrorsAndUnreadableFilesExitWithTwo() throws IOException {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Usage");
        assertThat(run("--colour", "x.xml")).isEqualTo(2);
        assertThat(run(dir.resolve("missing.xml").toString())).isEqualTo(2);
        assertThat(err()).contains("missing.xml: cannot be read");
    }

    private int run(String... args) {
        return new ValidateCommand(Engines::today, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
