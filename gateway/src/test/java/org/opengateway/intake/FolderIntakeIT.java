package org.opengateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;

class FolderIntakeIT extends GatewayIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void aDroppedInvoiceIsTrackedAndArchived() throws IOException {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("FILE");
        String name = number + ".xml";
        drop(sender.inbox(), name, TestInvoices.invoiceBytes(number, sender.participant(), "0007:5564982212"));

        JsonNode invoice = awaitInvoice(sender.apiKey(), number);
        assertThat(invoice.get("status").asString()).isIn(ACCEPTED_OR_LATER);
        assertThat(invoice.get("channel").asString()).isEqualTo("FOLDER");
        Path archived = DATA_DIR.resolve("archive/demo-sender").resolve(name);
        await().atMost(DEADLINE).until(() -> Files.exists(archived));
        assertThat(sender.inbox().resolve(name)).doesNotExist();
    }

    @Test
    void aRejectedFileMovesToRejectedWithAReportNamingEveryError() throws IOException {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("FILEBAD");
        String name = number + ".xml";
        drop(sender.inbox(), name, TestInvoices.schemaInvalid(number, sender.participant(), "0007:5564982212")
                .getBytes(StandardCharsets.UTF_8));

        Path rejected = DATA_DIR.resolve("rejected/demo-sender").resolve(name);
        Path report = DATA_DIR.resolve("rejected/demo-sender").resolve(name + ".errors.txt");
        await().atMost(DEADLINE).until(() -> Files.exists(rejected) && Files.exists(report));
        String text = Files.readString(report);
        assertThat(text).contains("ColourOfPaper").contains("[XSD]").contains("What to do");
        JsonNode invoice = awaitInvoice(sender.apiKey(), number);
        assertThat(invoice.get("status").asString()).isEqualTo("REJECTED");
        assertThat(text).contains(invoice.get("id").asString());
    }

    @Test
    void theSameBytesDroppedTwiceMakeOneInvoice() throws IOException {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("FILETWICE");
        byte[] bytes = TestInvoices.invoiceBytes(number, sender.participant(), "0007:5564982212");
        drop(sender.inbox(), number + "-a.xml", bytes);
        await().atMost(DEADLINE).until(() -> Files.exists(DATA_DIR.resolve("archive/demo-sender/" + number + "-a.xml")));
        drop(sender.inbox(), number + "-b.xml", bytes);
        await().atMost(DEADLINE).until(() -> Files.exists(DATA_DIR.resolve("archive/demo-sender/" + number + "-b.xml")));

        JsonNode list = json(get(sender.apiKey(), "/api/v1/invoices?invoiceNumber=" + number));
        assertThat(list.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aFileStillBeingWrittenIsNotTaken() throws Exception {
        DemoCompany sender = demo("sender");
        String number = uniqueNumber("SLOW");
        byte[] bytes = TestInvoices.invoiceBytes(number, sender.participant(), "0007:5564982212");
        Path file = sender.inbox().resolve(number + ".xml");
        Path partial = sender.inbox().resolve(number + ".xml.part");
        Files.write(partial, bytes);
        try (OutputStream out = Files.newOutputStream(file)) {
            // a slow writer: a chunk every 100 ms for three seconds, far longer than the poll interval
            int chunk = bytes.length / 30 + 1;
            Instant end = Instant.now().plusSeconds(3);
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                out.write(bytes, offset, Math.min(chunk, bytes.length - offset));
                out.flush();
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
                assertThat(file).as("taken while still being written").exists();
            }
            assertThat(Instant.now()).isAfterOrEqualTo(end.minusSeconds(1));
        }
        assertThat(partial).as("a .part file is never taken").exists();
        JsonNode invoice = awaitInvoice(sender.apiKey(), number);
        assertThat(invoice.get("status").asString()).as(invoice.toString()).isIn(ACCEPTED_OR_LATER);
        Files.delete(partial);
    }

    @Test
    void aFileInAFolderOfNoCompanyIsRejectedWithAReport() throws IOException {
        Path stray = DATA_DIR.resolve("inbox/nobody");
        Files.createDirectories(stray);
        drop(stray, "stray.xml", TestInvoices.invoiceBytes("STRAY-1", "0007:5567321707", "0007:5564982212"));
        Path report = DATA_DIR.resolve("rejected/_unknown/stray.xml.errors.txt");
        await().atMost(DEADLINE).until(() -> Files.exists(report));
        assertThat(Files.readString(report)).contains("No company has the inbox folder 'nobody'");
    }

    @Test
    void anOversizedFileIsRejectedWithoutBeingRead() throws IOException {
        DemoCompany sender = demo("sender");
        String name = uniqueNumber("HUGE") + ".xml";
        Path tmp = sender.inbox().resolve(name + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 21; i++) {
                out.write(block);
            }
        }
        Files.move(tmp, sender.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Path report = DATA_DIR.resolve("rejected/demo-sender").resolve(name + ".errors.txt");
        Path kept = DATA_DIR.resolve("rejected/demo-sender").resolve(name);
        // the report is written first, then the route moves the file beside it
        await().atMost(DEADLINE).until(() -> Files.exists(report) && Files.exists(kept));
        assertThat(Files.readString(report)).contains("21.0 MB").contains("20.0 MB");
        assertThat(kept).hasSize(21L * 1024 * 1024);
    }

    private static void drop(Path inbox, String name, byte[] bytes) throws IOException {
        Path tmp = inbox.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private JsonNode awaitInvoice(String apiKey, String number) {
        return await().atMost(DEADLINE).until(
                () -> json(get(apiKey, "/api/v1/invoices?invoiceNumber=" + number)).get("items"),
                items -> items.size() == 1).get(0);
    }
}
