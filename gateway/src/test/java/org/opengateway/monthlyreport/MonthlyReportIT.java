package org.opengateway.monthlyreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.testing.LoggedInIT;
import org.opengateway.testing.TestInvoices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly report on the real gateway: a fresh company sends and receives invoices over every path, and the
 * workbook (opened with POI) counts them; the job mails it once over SMTP (GreenMail in this JVM), even when two
 * runs take it on at the same moment.
 */
class MonthlyReportIT extends LoggedInIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(MAIL_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @Autowired
    MonthlyReports reports;
    @Autowired
    JdbcClient jdbc;

    private User admin;
    private String token;
    private String participant;
    private UUID company;

    @BeforeEach
    void aFreshCompany() {
        admin = user(Language.SV, false);
        token = login(admin);
        participant = freshParticipant();
        company = registerCompany(token, participant);
    }

    @Test
    void theWorkbookCountsTheMonthsInvoicesPerStatusAndChannelAndListsTheRejected() throws IOException {
        String key = json(call(token, "POST", "/api/v1/companies/" + company + "/api-keys", Map.of("label", "test")))
                .get("key").asString();
        String toNowhere = json(post(key, TestInvoices.invoiceBytes(uniqueNumber("M-API"), participant,
                freshParticipant()))).get("id").asString();
        String rejectedNumber = uniqueNumber("M-BAD");
        assertThat(post(key, TestInvoices.schemaInvalid(rejectedNumber, participant, freshParticipant())
                .getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(422);
        Path inbox = DATA_DIR.resolve("inbox").resolve(jdbc.sql("SELECT slug FROM company WHERE id = ?")
                .param(company).query(String.class).single());
        String folderNumber = uniqueNumber("M-FOLDER");
        Files.write(inbox.resolve(folderNumber + ".xml"), TestInvoices.invoiceBytes(folderNumber, participant,
                freshParticipant()));
        registerRecipient(token, company);
        DemoCompany demoSender = demo("sender");
        String toUs = json(post(demoSender.apiKey(), TestInvoices.invoiceBytes(uniqueNumber("M-IN"),
                demoSender.participant(), participant))).get("id").asString();

        awaitInvoiceStatus(key, toNowhere, "UNDELIVERED");
        awaitInvoiceStatus(demoSender.apiKey(), toUs, "DELIVERED");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT COUNT(*) FROM invoice WHERE company_id = ?"
                + " AND status = 'UNDELIVERED'").param(company).query(Long.class).single() == 2);

        HttpResponse<byte[]> download = send(java.net.http.HttpRequest.newBuilder(url(monthly(YearMonth.now(
                ZoneOffset.UTC) + ".xlsx"))).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            Map<String, Long> counts = counts(workbook.getSheet("Summary"));
            assertThat(counts).containsEntry("Sent/total/all", 3L)
                    .containsEntry("Sent/status/UNDELIVERED", 2L)
                    .containsEntry("Sent/status/REJECTED", 1L)
                    .containsEntry("Sent/channel/API", 2L)
                    .containsEntry("Sent/channel/FOLDER", 1L)
                    .containsEntry("Received/total/all", 1L);
            assertThat(counts.keySet().stream().filter(k -> k.startsWith("Received/status/"))).hasSize(1);
            List<List<String>> rejected = rows(workbook.getSheet("Rejected"));
            assertThat(rejected).hasSize(2);
            assertThat(rejected.get(1).get(0)).isEqualTo(rejectedNumber);
            assertThat(rejected.get(1).get(3)).isEqualTo("REJECTED");
            assertThat(rejected.get(1).get(4)).isNotBlank();
        }
    }

    @Test
    void aMonthWithoutTrafficStillGivesAReportAndBadMonthsAndCallersAreRefused() throws IOException {
        HttpResponse<byte[]> empty = send(java.net.http.HttpRequest.newBuilder(url(monthly("2020-01.xlsx")))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(empty.statusCode()).isEqualTo(200);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(empty.body()))) {
            assertThat(counts(workbook.getSheet("Summary")))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("Sent/total/all", 0L, "Received/total/all", 0L));
            assertThat(rows(workbook.getSheet("Rejected"))).hasSize(1); // the header
            assertThat(workbook.getSheet("Summary").getRow(1).getCell(1).getStringCellValue()).isEqualTo("2020-01");
        }
        HttpResponse<String> badMonth = call(token, "GET", monthly("2026-13.xlsx"), null);
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(detail(badMonth)).contains("YYYY-MM");
        assertThat(call(token, "GET", monthly(YearMonth.now(ZoneOffset.UTC).plusMonths(1) + ".xlsx"), null)
                .statusCode()).isEqualTo(400);
        assertThat(call(token, "PUT", monthly("settings"), Map.of()).statusCode()).isEqualTo(400);

        String support = login(user(Language.EN, true));
        assertThat(call(support, "GET", monthly("2020-01.xlsx"), null).statusCode()).isEqualTo(200);
        assertThat(call(support, "PUT", monthly("settings"), Map.of("enabled", true)).statusCode())
                .as("support may not change a company's settings").isEqualTo(403);
        String stranger = login(user(Language.EN, false));
        assertThat(call(stranger, "GET", monthly("2020-01.xlsx"), null).statusCode()).isEqualTo(404);
        assertThat(call(stranger, "PUT", monthly("settings"), Map.of("enabled", true)).statusCode()).isEqualTo(404);
        assertThat(json(call(token, "GET", monthly("settings"), null)).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void theJobMailsLastMonthsReportOnceEvenWhenTwoRunsTakeItOnAtOnce() throws Exception {
        HttpResponse<String> on = call(token, "PUT", monthly("settings"), Map.of("enabled", true));
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(json(on).get("enabled").asBoolean()).isTrue();
        User other = user(Language.EN, false);
        registerCompany(login(other), freshParticipant()); // has not switched it on

        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        Instant firstOfNext = month.plusMonths(1).atDay(1).atTime(6, 0).toInstant(ZoneOffset.UTC);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return reports.runAt(firstOfNext);
            }));
        }
        start.countDown();
        int mailed = runs.stream().mapToInt(CompletableFuture::join).sum();
        assertThat(reports.runAt(firstOfNext.plusSeconds(60))).as("a later run finds nothing left").isZero();

        List<MimeMessage> toAdmin = mailsTo(admin.email());
        assertThat(toAdmin).hasSize(1);
        assertThat(mailsTo(other.email())).isEmpty();
        assertThat(mailed).as("mailed by one of the two runs").isEqualTo(1);
        MimeMessage mail = toAdmin.get(0);
        assertThat(mail.getSubject()).contains(month.toString()).startsWith("Din e-fakturarapport");
        Part attachment = attachment(mail);
        assertThat(attachment.getFileName()).endsWith("-" + month + ".xlsx");
        try (Workbook workbook = new XSSFWorkbook(attachment.getInputStream())) {
            assertThat(workbook.getSheet("Summary").getRow(1).getCell(1).getStringCellValue())
                    .isEqualTo(month.toString());
        }
        assertThat(jdbc.sql("SELECT sent_to FROM monthly_report_mail WHERE company_id = ? AND report_month = ?")
                .params(company, month.toString()).query(String.class).single()).isEqualTo(admin.email());
    }

    private String monthly(String what) {
        return "/api/v1/companies/" + company + "/reports/monthly/" + what;
    }

    /** "Direction/counted by/value" of each row of the summary, with its count. */
    private static Map<String, Long> counts(Sheet summary) {
        Map<String, Long> counts = new HashMap<>();
        for (Row row : summary) {
            if (row.getRowNum() > 3) {
                counts.put(row.getCell(0).getStringCellValue() + "/" + row.getCell(1).getStringCellValue() + "/"
                        + row.getCell(2).getStringCellValue(), (long) row.getCell(3).getNumericCellValue());
            }
        }
        return counts;
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.getStringCellValue()));
            rows.add(cells);
        }
        return rows;
    }

    private static List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                Address[] to = message.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(address -> address.toString().equals(email));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Part attachment(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                return parts.getBodyPart(i);
            }
        }
        throw new AssertionError("The mail has no attachment");
    }
}
