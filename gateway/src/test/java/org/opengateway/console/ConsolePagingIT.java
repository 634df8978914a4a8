package org.opengateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.Language;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.testing.GatewayIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Turning the pages of the console's lists by cursor, over real HTTP against the gateway and its database: forwards
 * and backwards, for every sort column in both directions, with rows that share a sort value and rows that have none,
 * with search fields, and never a row of another company. The rows are written straight into the database, with the
 * ties and empty values the test needs; a neighbouring company has rows that match the same searches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePagingIT extends GatewayIT {

    private static final String PASSWORD = "paging test password";
    private static final int ROWS = 30;
    private static final int SIZE = 4;
    private static final List<String> SENT_SORTS = List.of("receivedAt", "invoiceNumber", "issueDate", "counterpart",
            "total", "status", "channel");
    private static final String[] SENT_STATES = {"DELIVERED", "REJECTED", "UNDELIVERED", "CANCELLED"};
    private static final String[] CHANNELS = {"API", "FOLDER", "QUEUE"};
    private static final String[] RECEIVED_STATES = {"RECEIVED_FROM_NETWORK", "DELIVERED_TO_CUSTOMER"};

    @Autowired
    Users users;
    @Autowired
    CompanyGrants grants;
    @Autowired
    CompanyDirectory companies;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate batch;

    private UUID company;
    private UUID neighbour;
    private String token;
    private UUID userId;
    private final Set<String> ours = new HashSet<>();
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    void companiesAndRows() {
        company = fresh("paging");
        neighbour = fresh("paging-neighbour");
        for (int i = 0; i < ROWS; i++) {
            ours.add(invoice(company, i).toString());
            ours.add(received(company, i).toString());
            invoice(neighbour, i);
            received(neighbour, i);
        }
        User user = users.create("paging-" + UUID.randomUUID() + "@example.com", "Paging Tester", Language.EN,
                PASSWORD, false);
        userId = user.id();
        grants.grant(userId, company, CompanyGrants.ADMINISTRATOR);
        token = json(send(HttpRequest.newBuilder(url("/api/v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + user.email() + "\",\"password\":\""
                        + PASSWORD + "\"}")).build())).get("token").asString();
    }

    @Test
    void everySortColumnPagesForwardsAndBackwardsThroughTiesAndEmptyValues() {
        for (String sort : SENT_SORTS) {
            for (String dir : List.of("asc", "desc")) {
                String list = "/api/v1/companies/" + company + "/invoices?sort=" + sort + "&dir=" + dir;
                List<JsonNode> all = items(page(list + "&size=500"));
                assertThat(all).as("every row of the company, once").hasSize(ROWS);
                assertSorted(all, sort, dir.equals("desc"));
                assertWalksMatch(list, all);
            }
        }
    }

    @Test
    void searchFieldsNarrowEveryPageAndTheCursorsKeepThem() {
        String list = "/api/v1/companies/" + company + "/invoices?status=DELIVERED&channel=API&sort=total&dir=asc";
        List<JsonNode> all = items(page(list + "&size=500"));
        assertThat(all).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("status").asString()).isEqualTo("DELIVERED");
            assertThat(row.get("channel").asString()).isEqualTo("API");
        });
        assertWalksMatch(list, all);

        String named = "/api/v1/companies/" + company + "/invoices?counterpart=party+b&from=" + now.toLocalDate()
                .minusDays(1) + "&sort=issueDate&dir=desc";
        List<JsonNode> parties = items(page(named + "&size=500"));
        assertThat(parties).hasSizeGreaterThan(SIZE).allSatisfy(row ->
                assertThat(row.get("counterpart").asString()).isEqualTo("Party B"));
        assertWalksMatch(named, parties);
    }

    @Test
    void theCounterpartFieldFindsAParticipantIdOrAPartOfTheNameInTheCompanysRowsOnly() {
        for (String kind : List.of("invoices", "received")) {
            String field = kind.equals("invoices") ? "receiver" : "sender";
            String list = "/api/v1/companies/" + company + "/" + kind + "?counterpart=";
            List<JsonNode> byId = items(page(list + participant(1) + "&size=500"));
            assertThat(byId).as("every row of that counterpart, with or without a name").hasSize(ROWS / 3)
                    .allSatisfy(row -> assertThat(row.get(field).asString()).endsWith(participant(1)));
            assertThat(ids(page(list + "iso6523-actorid-upis::" + participant(1).toUpperCase(Locale.ROOT)
                    + "&size=500"))).as("the ID also with Peppol's scheme and in other case")
                    .isEqualTo(byId.stream().map(row -> row.get("id").asString()).toList());
            assertWalksMatch(list + participant(1), byId);
            assertWalksMatch(list + participant(1) + "&sort=counterpart&dir=asc", items(page(list + participant(1)
                    + "&sort=counterpart&dir=asc&size=500")));

            List<JsonNode> byName = items(page(list + "ARTY+c&size=500"));
            assertThat(byName).as("a part of the name, whatever its case")
                    .hasSize((int) IntStream.range(0, ROWS).filter(i -> party(i).equals("Party C") && i % 6 != 0).count())
                    .allSatisfy(row -> assertThat(row.get("counterpart").asString()).isEqualTo("Party C"));
            assertWalksMatch(list + "ARTY+c", byName);
            assertThat(items(page(list + "0007:5560000019&size=500"))).as("an ID no row has").isEmpty();
        }
    }

    @Test
    void receivedInvoicesPageTheSameWay() {
        for (String sort : List.of("receivedAt", "counterpart", "status")) {
            String list = "/api/v1/companies/" + company + "/received?sort=" + sort + "&dir=desc";
            List<JsonNode> all = items(page(list + "&size=500"));
            assertThat(all).hasSize(ROWS);
            assertSorted(all, sort, true);
            assertWalksMatch(list, all);
        }
        String delivered = "/api/v1/companies/" + company + "/received?status=DELIVERED_TO_CUSTOMER";
        assertWalksMatch(delivered, items(page(delivered + "&size=500")));
    }

    @Test
    void theExportWritesThePageTheCursorNames() throws IOException {
        String list = "/api/v1/companies/" + company + "/invoices?sort=invoiceNumber&dir=asc&size=" + SIZE;
        String next = page(list).get("next").asString();
        List<String> numbers = items(page(list + "&after=" + next)).stream()
                .map(row -> row.get("invoiceNumber").asString("")).toList();
        HttpResponse<byte[]> export = send(HttpRequest.newBuilder(url(list.replace("/invoices?", "/invoices.xlsx?")
                + "&after=" + next + "&columns=invoiceNumber")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        List<List<String>> rows = ConsoleApiIT.cells(export.body());
        assertThat(rows.subList(1, rows.size()).stream().map(row -> row.isEmpty() ? "" : row.get(0)).toList())
                .isEqualTo(numbers);
    }

    @Test
    void countingStopsAtTenThousandAndTheLastPageIsStillReached() {
        UUID big = fresh("paging-big");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            rows.add(new Object[] {UUID.randomUUID(), big, "API", "DELIVERED", "%064x".formatted(i), 1000L,
                    "B-%05d".formatted(i), now.minusSeconds(i), now});
        }
        batch.batchUpdate("INSERT INTO invoice (id, company_id, channel, status, document_sha256, document_size,"
                + " invoice_number, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        grants.grant(userId, big, CompanyGrants.ADMINISTRATOR);

        String list = "/api/v1/companies/" + big + "/invoices?sort=invoiceNumber&dir=asc&size=50";
        JsonNode first = page(list);
        assertThat(first.get("total").asLong()).isEqualTo(10_000);
        assertThat(first.get("totalExact").asBoolean()).isFalse();
        JsonNode last = page(list + "&last=true");
        assertThat(items(last)).hasSize(50);
        assertThat(items(last).get(49).get("invoiceNumber").asString()).isEqualTo("B-10000");
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(page(list + "&number=B-0999").get("totalExact").asBoolean()).isTrue();
    }

    @Test
    void aCursorOfAnotherSortOrNotOursIsRefusedNamingTheParameter() {
        String list = "/api/v1/companies/" + company + "/invoices?size=" + SIZE;
        String next = page(list).get("next").asString();
        assertRefused(list + "&sort=total&after=" + next, "'after'");
        assertRefused(list + "&before=bm90IGEgY3Vyc29y", "'before'");
        assertRefused(list + "&after=" + next + "&page=2", "'page'");
        assertRefused(list + "&last=soon", "'last'");
    }

    /**
     * Walking forwards from the first page by {@code next}, and backwards from the last by {@code previous}, both give
     * exactly {@code all}; each page read back by the {@code previous} of the page after it is the same page again.
     */
    private void assertWalksMatch(String list, List<JsonNode> all) {
        List<String> expected = all.stream().map(row -> row.get("id").asString()).toList();
        List<List<String>> forwards = new ArrayList<>();
        JsonNode page = page(list + "&size=" + SIZE);
        assertThat(page.get("previous").isNull()).as("the first page has none before it").isTrue();
        while (true) {
            List<String> ids = ids(page);
            assertThat(ids).hasSizeLessThanOrEqualTo(SIZE);
            if (!forwards.isEmpty()) {
                assertThat(ids(page(list + "&size=" + SIZE + "&before=" + page.get("previous").asString())))
                        .as("back from %s", list).isEqualTo(forwards.get(forwards.size() - 1));
            }
            forwards.add(ids);
            if (page.get("next").isNull()) {
                break;
            }
            page = page(list + "&size=" + SIZE + "&after=" + page.get("next").asString());
        }
        assertThat(forwards.stream().flatMap(List::stream).toList()).as("forwards through %s", list)
                .isEqualTo(expected);

        List<String> backwards = new ArrayList<>();
        page = page(list + "&size=" + SIZE + "&last=true");
        assertThat(page.get("next").isNull()).as("the last page has none after it").isTrue();
        while (true) {
            backwards.addAll(0, ids(page));
            if (page.get("previous").isNull()) {
                break;
            }
            page = page(list + "&size=" + SIZE + "&before=" + page.get("previous").asString());
        }
        assertThat(backwards).as("backwards through %s", list).isEqualTo(expected);
        assertThat(expected).as("only the company's own rows").allMatch(ours::contains);
    }

    /** The rows in the order of the column, rows without a value last when ascending (first when descending). */
    private static void assertSorted(List<JsonNode> rows, String sort, boolean descending) {
        Function<JsonNode, Comparable<?>> value = row -> {
            JsonNode field = row.get(sort);
            if (field == null || field.isNull()) {
                return null;
            }
            return switch (sort) {
                case "receivedAt" -> OffsetDateTime.parse(field.asString()).toInstant();
                case "issueDate" -> LocalDate.parse(field.asString());
                case "total" -> field.decimalValue();
                default -> field.asString();
            };
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<JsonNode> order = Comparator.comparing(row -> (Comparable) value.apply(row),
                Comparator.nullsLast(Comparator.naturalOrder()));
        assertThat(rows).as("sorted by %s", sort).isSortedAccordingTo(descending ? order.reversed() : order);
        assertThat(rows.stream().map(value).filter(v -> v != null).distinct().count())
                .as("ties on %s", sort).isLessThan(rows.stream().filter(row -> value.apply(row) != null).count());
    }

    private UUID fresh(String name) {
        return companies.register(name + "-" + UUID.randomUUID().toString().substring(0, 8), "Paging " + name,
                "5560000000", List.of()).id();
    }

    /** A sent invoice: groups of three received at the same second; some without number, date, name or total. */
    private UUID invoice(UUID owner, int i) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO invoice (id, company_id, channel, status, document_sha256, document_size,"
                        + " invoice_number, issue_date, total_amount, counterpart_name, receiver_participant,"
                        + " received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, owner, CHANNELS[i % 3], SENT_STATES[i % 4], "%064x".formatted(i), 1000L,
                        i % 7 == 0 ? null : "P-" + i % 10, i % 5 == 0 ? null : now.toLocalDate().minusDays(i % 4),
                        i % 8 == 0 ? null : BigDecimal.valueOf(i % 5 * 100L), i % 6 == 0 ? null : party(i),
                        participant(i), now.minusMinutes(i / 3), now)
                .update();
        return id;
    }

    private UUID received(UUID owner, int i) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO received_document (id, company_id, as4_message_id, sbdh_instance_id, sender_participant,"
                        + " receiver_participant, document_type, process, sending_access_point, document_sha256,"
                        + " content, status, invoice_number, counterpart_name, received_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, owner, "paging-" + id, "sbdh-" + id, "iso6523-actorid-upis::" + participant(i),
                        "iso6523-actorid-upis::0007:5560000001", "invoice", "billing", "PAGING", "%064x".formatted(i),
                        new byte[] {1}, RECEIVED_STATES[i % 2], "R-" + i % 10, i % 6 == 0 ? null : party(i),
                        now.minusMinutes(i / 3), now)
                .update();
        return id;
    }

    /** The counterpart's participant ID: one of three, not in step with its name (one of four). */
    private static String participant(int i) {
        return "0007:556000001" + i % 3;
    }

    private static String party(int i) {
        return "Party " + (char) ('A' + i % 4);
    }

    private JsonNode page(String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .build());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return json(answer);
    }

    private void assertRefused(String path, String parameter) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(json(answer).get("detail").asString()).contains(parameter);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> rows = new ArrayList<>();
        page.get("items").forEach(rows::add);
        return rows;
    }

    private static List<String> ids(JsonNode page) {
        return items(page).stream().map(row -> row.get("id").asString()).toList();
    }
}
