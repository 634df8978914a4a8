package org.opengateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The console's API over real HTTP against the whole gateway and its database: searching, sorting, paging and
 * exporting a company's invoices as a person does, their remembered choices, and that no one reaches another
 * company's invoices through any of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiIT extends GatewayIT {

    private static final String PASSWORD = "console test password";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Autowired
    Users users;
    @Autowired
    CompanyGrants grants;
    @Autowired
    JdbcClient jdbc;

    private DemoCompany sender;
    private DemoCompany receiver;
    private String prefix;
    private String nowhere;
    private String undeliveredId;

    @BeforeAll
    void invoices() {
        sender = demo("sender");
        receiver = demo("receiver");
        prefix = uniqueNumber("CON");
        for (int i = 1; i <= 3; i++) {
            assertThat(post(sender.apiKey(), TestInvoices.invoiceBytes(prefix + "-" + i, sender.participant(),
                    receiver.participant())).statusCode()).isEqualTo(202);
        }
        nowhere = freshParticipant();
        undeliveredId = json(post(sender.apiKey(), TestInvoices.invoiceBytes(prefix + "-9", sender.participant(),
                nowhere))).get("id").asString();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(get(sender.apiKey(), "/api/v1/invoices/"
                + undeliveredId)).get("status").asString()).isEqualTo("UNDELIVERED"));
    }

    @Test
    void searchesSortsAndPagesTheCompanysSentInvoices() {
        String token = login(person(Language.EN, false, sender));
        String list = "/api/v1/companies/" + sender.companyId() + "/invoices?number=" + prefix;

        JsonNode first = json(call(token, list + "&sort=invoiceNumber&dir=asc&size=2"));
        assertThat(first.get("total").asLong()).isEqualTo(4);
        assertThat(numbers(first)).containsExactly(prefix + "-1", prefix + "-2");
        assertThat(numbers(json(call(token, list + "&sort=invoiceNumber&dir=asc&size=2&page=1"))))
                .containsExactly(prefix + "-3", prefix + "-9");
        assertThat(numbers(json(call(token, list + "&sort=invoiceNumber&dir=desc&size=2"))))
                .containsExactly(prefix + "-9", prefix + "-3");

        assertThat(numbers(json(call(token, list + "&status=UNDELIVERED")))).containsExactly(prefix + "-9");
        assertThat(numbers(json(call(token, list + "&counterpart=" + nowhere)))).containsExactly(prefix + "-9");
        assertThat(json(call(token, list + "&counterpart=" + encode("fjÄllbacka BYGG"))).get("total").asLong())
                .as("a part of the counterpart's name, whatever its case").isEqualTo(4);
        assertThat(json(call(token, list + "&counterpart=" + encode("Fjällbacka Bygg AB"))).get("items").get(0)
                .get("counterpart").asString()).isEqualTo("Fjällbacka Bygg AB");
        assertThat(json(call(token, list + "&channel=QUEUE")).get("total").asLong()).isZero();
        assertThat(json(call(token, list + "&channel=API")).get("total").asLong()).isEqualTo(4);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(json(call(token, list + "&from=" + today + "&to=" + today)).get("total").asLong()).isEqualTo(4);
        assertThat(json(call(token, list + "&to=" + LocalDate.now(ZoneOffset.UTC).minusDays(1))).get("total").asLong())
                .isZero();
    }

    @Test
    void badSearchFieldsAreRefusedNamingTheField() {
        String token = login(person(Language.EN, false, sender));
        String list = "/api/v1/companies/" + sender.companyId() + "/invoices?";
        assertRefused(call(token, list + "sort=document_sha256"), "'sort'");
        assertRefused(call(token, list + "sort=total&dir=sideways"), "'dir'");
        assertRefused(call(token, list + "status=LOST"), "'status'");
        assertRefused(call(token, list + "from=27.11.2026"), "'from'");
        assertRefused(call(token, list + "size=5000"), "'size'");
        assertRefused(call(token, "/api/v1/companies/" + sender.companyId() + "/received?channel=API"), "'channel'");
        assertRefused(call(token, "/api/v1/companies/" + sender.companyId() + "/invoices.xlsx"), "'columns'");
        assertRefused(call(token, "/api/v1/companies/" + sender.companyId() + "/invoices.xlsx?columns=invoiceNumber,secret"),
                "'secret'");
    }

    @Test
    void theExportHoldsExactlyThePageAndColumnsAskedForInTheUsersLanguage() throws IOException {
        String token = login(person(Language.SV, false, sender));
        HttpResponse<byte[]> export = send(request(token, "/api/v1/companies/" + sender.companyId()
                + "/invoices.xlsx?number=" + prefix + "&sort=invoiceNumber&dir=asc&size=3&columns=invoiceNumber,status,total,receivedAt")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("sent-invoices.xlsx");
        List<List<String>> rows = cells(export.body());
        assertThat(rows.get(0)).containsExactly("Fakturanummer", "Status", "Belopp", "Mottagen (UTC)");
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).extracting(row -> row.get(0))
                .containsExactly(prefix + "-1", prefix + "-2", prefix + "-3");
        assertThat(rows.get(1).get(2)).isEqualTo("1250.0");
        assertThat(rows.get(1).get(3)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
    }

    @Test
    void theInvoicePageShowsWhyAnInvoiceIsUndelivered() {
        String token = login(person(Language.EN, false, sender));
        JsonNode invoice = json(call(token, "/api/v1/companies/" + sender.companyId() + "/invoices/" + undeliveredId));
        assertThat(invoice.get("statusReason").asString()).contains("not registered in Peppol");
        assertThat(invoice.get("history").findValuesAsString("status")).contains("SENDING", "UNDELIVERED");
        assertThat(invoice.get("counterpart").asString()).isEqualTo("Fjällbacka Bygg AB");
        HttpResponse<String> original = call(token, "/api/v1/companies/" + sender.companyId() + "/invoices/"
                + undeliveredId + "/document");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).contains(prefix + "-9");
        assertThat(call(token, "/api/v1/companies/" + sender.companyId() + "/invoices/" + undeliveredId + "/receipt")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aCustomerReachesNoOtherCompanysInvoicesThroughAnyEndpoint() {
        String token = login(person(Language.EN, false, sender));
        String receiverSent = json(post(receiver.apiKey(), TestInvoices.invoiceBytes(uniqueNumber("OTHER"),
                receiver.participant(), freshParticipant()))).get("id").asString();
        String receiverReceived = await().atMost(DEADLINE).until(() -> jdbc.sql("SELECT id FROM received_document"
                        + " WHERE company_id = ? FETCH FIRST 1 ROWS ONLY").param(UUID.fromString(receiver.companyId()))
                .query(String.class).optional(), found -> found.isPresent()).orElseThrow();
        String other = "/api/v1/companies/" + receiver.companyId();
        String own = "/api/v1/companies/" + sender.companyId();
        List<String> refused = List.of(other + "/invoices", other + "/invoices.xlsx?columns=invoiceNumber",
                other + "/invoices/" + receiverSent, other + "/invoices/" + receiverSent + "/document",
                other + "/invoices/" + receiverSent + "/receipt", other + "/received",
                other + "/received.xlsx?columns=invoiceNumber", other + "/received/" + receiverReceived,
                other + "/received/" + receiverReceived + "/document", other + "/overview",
                // another company's invoice asked for under one's own company
                own + "/invoices/" + receiverSent, own + "/invoices/" + receiverSent + "/document",
                own + "/received/" + receiverReceived, own + "/received/" + receiverReceived + "/document");
        for (String path : refused) {
            HttpResponse<String> answer = call(token, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("OTHER-").doesNotContain(receiver.participant());
        }
        assertThat(json(call(token, own + "/invoices?size=500")).get("items").findValuesAsString("id"))
                .doesNotContain(receiverSent);
    }

    @Test
    void supportStaffSeeEveryCompanyAndWhatTheyLookAtIsAudited() {
        User support = person(Language.EN, true, null);
        String token = login(support);
        String path = "/api/v1/companies/" + receiver.companyId() + "/received.xlsx";
        assertThat(call(token, path + "?columns=invoiceNumber,counterpart").statusCode()).isEqualTo(200);
        assertThat(call(token, "/api/v1/companies/" + sender.companyId() + "/invoices?number=" + prefix).statusCode())
                .isEqualTo(200);
        List<String> audited = jdbc.sql("SELECT action FROM audit WHERE actor_id = ? AND company_id = ? ORDER BY seq")
                .params(support.id(), UUID.fromString(receiver.companyId())).query(String.class).list();
        assertThat(audited).anySatisfy(action -> assertThat(action).contains("GET " + path).contains("answered 200"));
    }

    @Test
    void choicesAreRememberedPerUserAndTheLanguageIsTheirs() {
        User person = person(Language.EN, false, sender);
        HttpResponse<String> login = send(HttpRequest.newBuilder(url("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + person.email() + "\",\"password\":\""
                        + PASSWORD + "\"}")).build());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = json(login).get("csrfToken").asString();
        String preference = "/api/v1/account/preferences/columns.sent";

        assertThat(json(withCookie(cookie, null, "GET", preference, null)).get("value").isNull()).isTrue();
        assertThat(withCookie(cookie, null, "PUT", preference, "{\"value\":\"status,total\"}").statusCode())
                .as("without the CSRF token").isEqualTo(403);
        assertThat(withCookie(cookie, csrf, "PUT", preference, "{\"value\":\"status,total\"}").statusCode()).isEqualTo(200);
        assertThat(withCookie(cookie, csrf, "PUT", preference, "{\"value\":\"invoiceNumber,status\"}").statusCode())
                .isEqualTo(200);
        assertThat(json(withCookie(cookie, null, "GET", preference, null)).get("value").asString())
                .isEqualTo("invoiceNumber,status");
        String someoneElse = login(person(Language.EN, false, sender));
        assertThat(json(call(someoneElse, preference)).get("value").isNull()).as("another user's choice").isTrue();

        assertThat(json(withCookie(cookie, csrf, "PUT", "/api/v1/account/language", "{\"language\":\"sv\"}"))
                .get("language").asString()).isEqualTo("sv");
        assertThat(json(withCookie(cookie, null, "GET", "/api/v1/account", null)).get("language").asString())
                .isEqualTo("sv");
        assertRefused(withCookie(cookie, csrf, "PUT", "/api/v1/account/language", "{\"language\":\"klingon\"}"),
                "'language'");
    }

    @Test
    void theOverviewCountsTheFlowOfTheLastDays() {
        String token = login(person(Language.EN, false, sender));
        JsonNode flow = json(call(token, "/api/v1/companies/" + sender.companyId() + "/overview?days=7"));
        assertThat(flow.get("days")).hasSize(7);
        JsonNode today = flow.get("days").get(6);
        assertThat(today.get("date").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(today.get("sent").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(flow.get("undeliveredWaiting").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(flow.get("sent").asLong()).isEqualTo(flow.get("delivered").asLong() + flow.get("underway").asLong()
                + flow.get("undelivered").asLong() + flow.get("rejected").asLong());
        assertRefused(call(token, "/api/v1/companies/" + sender.companyId() + "/overview?days=0"), "'days'");
    }

    private User person(Language language, boolean support, DemoCompany company) {
        User user = users.create("console-" + UUID.randomUUID() + "@example.com", "Console Tester", language, PASSWORD,
                support);
        if (company != null) {
            grants.grant(user.id(), UUID.fromString(company.companyId()), CompanyGrants.ADMINISTRATOR);
        }
        return user;
    }

    private String login(User user) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user.email() + "\",\"password\":\""
                        + PASSWORD + "\"}")).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return json(answer).get("token").asString();
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).GET();
    }

    private HttpResponse<String> call(String token, String path) {
        return send(request(token, path).build());
    }

    private HttpResponse<String> withCookie(String cookie, String csrf, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request.build());
    }

    private static void assertRefused(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(json(answer).get("detail").asString()).contains(field);
    }

    private static List<String> numbers(JsonNode page) {
        return page.get("items").findValuesAsString("invoiceNumber");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Every row of the first sheet, each cell as text (numbers as Java writes a double). */
    static List<List<String>> cells(byte[] xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    var cell = row.getCell(c);
                    cells.add(cell == null ? "" : switch (cell.getCellType()) {
                        case NUMERIC -> Double.toString(cell.getNumericCellValue());
                        default -> cell.getStringCellValue();
                    });
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
