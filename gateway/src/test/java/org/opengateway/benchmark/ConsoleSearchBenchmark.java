package org.opengateway.benchmark;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's searches and page turns with 100,000 invoices in the database, through the HTTP API as the pages
 * call it (a logged-in person, {@code GET /api/v1/companies/{id}/invoices?...}). Not a test: a main class, run by hand.
 *
 * <pre>
 * mvn -o -q package -DskipTests
 * mvn -o -q -pl gateway test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=org.opengateway.benchmark.ConsoleSearchBenchmark -Dexec.classpathScope=test
 * </pre>
 * Options: {@code -Dbenchmark.invoices=100000}, {@code -Dbenchmark.calls=200} measured calls per kind; with
 * {@code -Dgateway.test.postgresql.url=...} (and user, password) the gateway runs on a fresh PostgreSQL database of
 * that server instead of H2.
 *
 * <p>The gateway runs from the built jar in a child JVM on a fresh data folder (deleted at the end). The invoices are
 * written straight into its database with batched JDBC (H2 is opened with AUTO_SERVER so that both processes may use
 * it): the demo sender's, spread over 90 days, 200 counterparts, all states and channels. Prints p50 and p99 of each
 * kind of call.
 */
public final class ConsoleSearchBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] STATES = {"DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED", "UNDELIVERED",
            "REJECTED", "ACCEPTED", "RETRY_SCHEDULED"};
    private static final String[] CHANNELS = {"API", "FOLDER", "QUEUE"};
    private static final String[] SORTS = {"receivedAt", "invoiceNumber", "issueDate", "counterpart", "total",
            "status", "channel"};
    private static final int ROWS_PER_STATEMENT = 500;
    private static final String[] NAMES = {"Fjällbacka Bygg", "Nordlys Konsult", "Ålands Fisk", "Kiruna Malm",
            "Göta Kanal Logistik", "Vänern Trä", "Skåne Frukt", "Dalarna Textil", "Botnia Energi", "Øresund Data"};

    private ConsoleSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int invoices = Integer.getInteger("benchmark.invoices", 100_000);
        int calls = Integer.getInteger("benchmark.calls", 200);
        Path dataDir = Files.createTempDirectory("console-benchmark-");
        boolean postgres = !System.getProperty(TestPostgres.URL, "").isBlank();
        TestPostgres.Database database = postgres ? TestPostgres.freshDatabase("console_benchmark")
                : new TestPostgres.Database("jdbc:h2:file:" + dataDir.toAbsolutePath() + "/db/gateway;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_SERVER=TRUE", "gateway", "");
        GatewayProcess gateway = GatewayProcess.start(GatewayProcess.locateJar(), dataDir, GatewayProcess.freePort(),
                GatewayProcess.freePort(), "console-benchmark.log", database.gatewayArgs());
        try {
            gateway.awaitUp(Duration.ofMinutes(10));
            Properties demo = gateway.demoProperties();
            UUID company = UUID.fromString(demo.getProperty("sender.company-id"));
            long start = System.nanoTime();
            insert(database, company, invoices);
            System.out.printf("Inserted %,d invoices in %.1f s (%s)%n", invoices, (System.nanoTime() - start) / 1e9,
                    postgres ? "PostgreSQL" : "H2");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = JSON.readTree(http.send(HttpRequest.newBuilder(gateway.url("/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of(
                            "email", demo.getProperty("sender.user.email"),
                            "password", demo.getProperty("sender.user.password"))))).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("token").asString();
            Calls api = new Calls(http, gateway, token);
            String list = "/api/v1/companies/" + company + "/invoices?size=50";
            Random random = new Random(7);
            countDirectly(database, company, calls);
            api.measure(calls, "first page, newest first", i -> list);
            api.walk(list, 500, "page turns 1 to 500 by cursor, newest first");
            api.measure(calls, "last page, newest first", i -> list + "&last=true");
            api.walkBack(list, 100, "page turns back from the last page by cursor");
            api.measure(Math.max(5, calls / 20), "page 500 by counting rows (page=499)", i -> list + "&page=499");
            for (String sort : SORTS) {
                for (String dir : new String[] {"asc", "desc"}) {
                    String sorted = list + "&sort=" + sort + "&dir=" + dir;
                    api.measure(calls / 4, "sort " + sort + " " + dir + ": first page", i -> sorted);
                    api.walk(sorted, 100, "sort " + sort + " " + dir + ": page turns 1 to 100");
                    api.measure(calls / 4, "sort " + sort + " " + dir + ": last page", i -> sorted + "&last=true");
                }
            }
            api.measure(calls, "search: invoice number (start, 100 match)",
                    i -> list + "&number=B-" + "%04d".formatted(random.nextInt(invoices / 100)));
            api.measure(calls, "search: invoice number (whole)",
                    i -> list + "&number=B-" + "%06d".formatted(random.nextInt(invoices)));
            api.measure(calls, "search: counterpart name (part)",
                    i -> list + "&counterpart=" + URLEncoder.encode(counterpartName(random.nextInt(200))
                            .substring(3, 12).toLowerCase(Locale.ROOT), StandardCharsets.UTF_8));
            api.measure(calls, "search: counterpart participant ID",
                    i -> list + "&counterpart=" + participant(random.nextInt(200)));
            api.measure(calls, "search: a week (received from, to)", i -> list + week(random));
            api.measure(calls, "search: status (UNDELIVERED, 1 in 8)", i -> list + "&status=UNDELIVERED");
            api.measure(calls, "search: status and a week", i -> list + "&status=UNDELIVERED" + week(random));
            api.measure(calls, "search: channel and status", i -> list + "&channel=QUEUE&status=DELIVERED");
            api.walk(list + "&status=UNDELIVERED", 100, "search: status, page turns 1 to 100");
            api.walk(list + "&counterpart=" + participant(7), 10, "search: participant ID, page turns 1 to 10");
        } finally {
            gateway.stop();
            GatewayProcess.deleteRecursively(dataDir);
        }
    }

    /**
     * Plain JDBC into the table the lists read: {@link #ROWS_PER_STATEMENT} rows in each INSERT, and a commit per
     * 5,000 rows (one row per statement, committed per 1,000, took six minutes for 100,000 on a busy machine).
     */
    private static void insert(TestPostgres.Database database, UUID company, int count) throws SQLException {
        Random random = new Random(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                OffsetDateTime received = now.minusSeconds(random.nextInt(90 * 24 * 3600));
                int counterpart = random.nextInt(200);
                rows.add(new Object[] {UUID.randomUUID(), company, CHANNELS[random.nextInt(CHANNELS.length)],
                        STATES[random.nextInt(STATES.length)], "Benchmark invoice.", "%064x".formatted(i),
                        4000L + random.nextInt(20000), "Invoice", "B-%06d".formatted(i), received.toLocalDate(), "SEK",
                        BigDecimal.valueOf(random.nextInt(10_000_000), 2), "0007:5567321707", participant(counterpart),
                        received, received, counterpartName(counterpart)});
                if (rows.size() == ROWS_PER_STATEMENT || i == count - 1) {
                    insertRows(connection, rows);
                    rows.clear();
                }
                if (i % 5000 == 4999) {
                    connection.commit();
                }
            }
            connection.commit();
        }
    }

    private static void insertRows(Connection connection, List<Object[]> rows) throws SQLException {
        String values = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO invoice (id, company_id, channel,"
                + " status, status_reason, document_sha256, document_size, document_type, invoice_number, issue_date,"
                + " currency, total_amount, sender_participant, receiver_participant, received_at, updated_at,"
                + " counterpart_name) VALUES " + String.join(", ", Collections.nCopies(rows.size(), values)))) {
            int parameter = 0;
            for (Object[] row : rows) {
                for (Object value : row) {
                    insert.setObject(++parameter, value);
                }
            }
            insert.executeUpdate();
        }
    }

    private static String participant(int counterpart) {
        return "0007:%010d".formatted(1_000_000_000L + counterpart);
    }

    private static String counterpartName(int counterpart) {
        return NAMES[counterpart % NAMES.length] + " " + (counterpart / NAMES.length) + " AB";
    }

    private static String week(Random random) {
        LocalDate to = LocalDate.now(ZoneOffset.UTC).minusDays(random.nextInt(83));
        return "&from=" + to.minusDays(6) + "&to=" + to;
    }

    /** The exact count the lists no longer make: every matching row read, here straight over JDBC. */
    private static void countDirectly(TestPostgres.Database database, UUID company, int calls) throws SQLException {
        try (Connection connection = database.connect()) {
            for (String[] count : new String[][] {{"exact COUNT(*) of all 100,000 (JDBC)", ""},
                    {"exact COUNT(*), counterpart name part (JDBC)", " AND LOWER(counterpart_name) LIKE '%bygg 1%'"},
                    {"exact COUNT(*), status (JDBC)", " AND status = 'DELIVERED'"}}) {
                long[] times = new long[Math.max(5, calls / 10)];
                for (int i = -times.length / 4; i < times.length; i++) {
                    long start = System.nanoTime();
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT COUNT(*) FROM invoice WHERE company_id = ?" + count[1])) {
                        select.setObject(1, company);
                        select.executeQuery().close();
                    }
                    if (i >= 0) {
                        times[i] = System.nanoTime() - start;
                    }
                }
                print(count[0], times, 0);
            }
        }
    }

    /** The calls of one logged-in person, timed. */
    private record Calls(HttpClient http, GatewayProcess gateway, String token) {

        /** {@code calls} calls after a quarter as many unmeasured. */
        void measure(int calls, String what, IntFunction<String> paths) throws Exception {
            for (int i = 0; i < calls / 4; i++) {
                call(paths.apply(i));
            }
            long[] times = new long[calls];
            long found = 0;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                found += call(paths.apply(i)).get("total").asLong();
                times[i] = System.nanoTime() - start;
            }
            print(what, times, found / calls);
        }

        /** From the first page {@code pages - 1} times to the next one, as a person clicks Next; each call timed. */
        void walk(String list, int pages, String what) throws Exception {
            turn(list, "&after=", "next", pages, what);
        }

        /** From the last page {@code pages - 1} times to the one before it. */
        void walkBack(String list, int pages, String what) throws Exception {
            turn(list + "&last=true", "&before=", "previous", pages, what);
        }

        private void turn(String start, String parameter, String cursor, int pages, String what) throws Exception {
            String base = start.replace("&last=true", "");
            long[] times = new long[pages];
            JsonNode page = null;
            for (int i = 0; i < pages; i++) {
                String path = i == 0 ? start : base + parameter + page.get(cursor).asString();
                long begin = System.nanoTime();
                page = call(path);
                times[i] = System.nanoTime() - begin;
                if (page.get(cursor).isNull()) {
                    times = Arrays.copyOf(times, i + 1);
                    break;
                }
            }
            print(what, times, page.get("total").asLong());
        }

        private JsonNode call(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.url(path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    private static void print(String what, long[] times, long matches) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("%-52s p50 %7.1f ms   p99 %7.1f ms   (%d calls, total %,d)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted.length, matches);
    }
}
