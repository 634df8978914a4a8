package org.opengateway.benchmark;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.TestPostgres;
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
            String list = "/api/v1/companies/" + company + "/invoices?size=50";
            int pages = invoices / 50;
            Random random = new Random(7);
            measure(http, gateway, token, calls, "first page, newest first", i -> list);
            measure(http, gateway, token, calls, "page turn, any page, newest first",
                    i -> list + "&page=" + random.nextInt(pages));
            measure(http, gateway, token, calls, "page turn, first 20 pages, by invoice number",
                    i -> list + "&sort=invoiceNumber&dir=asc&page=" + random.nextInt(20));
            measure(http, gateway, token, calls, "page turn, any page, by total",
                    i -> list + "&sort=total&dir=desc&page=" + random.nextInt(pages));
            measure(http, gateway, token, calls, "search: invoice number (start)",
                    i -> list + "&number=B-" + "%04d".formatted(random.nextInt(invoices / 100)));
            measure(http, gateway, token, calls, "search: counterpart name (part)",
                    i -> list + "&counterpart=" + java.net.URLEncoder.encode(NAMES[random.nextInt(NAMES.length)]
                            .substring(0, 5).toLowerCase(), java.nio.charset.StandardCharsets.UTF_8)
                            + "+" + random.nextInt(20));
            measure(http, gateway, token, calls, "search: status and a week",
                    i -> list + "&status=UNDELIVERED&from=" + OffsetDateTime.now(ZoneOffset.UTC).minusDays(
                            7 + random.nextInt(80)).toLocalDate() + "&to=" + OffsetDateTime.now(ZoneOffset.UTC)
                            .minusDays(random.nextInt(7)).toLocalDate());
            measure(http, gateway, token, calls, "search: channel and status, page 3",
                    i -> list + "&channel=QUEUE&status=DELIVERED&page=3");
        } finally {
            gateway.stop();
            GatewayProcess.deleteRecursively(dataDir);
        }
    }

    /** Plain batched JDBC, 1,000 rows a batch, into the tables the lists read. */
    private static void insert(TestPostgres.Database database, UUID company, int count) throws SQLException {
        Random random = new Random(42);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO invoice (id, company_id, channel, status, status_reason, document_sha256, document_size,"
                        + " document_type, invoice_number, issue_date, currency, total_amount, sender_participant,"
                        + " receiver_participant, received_at, updated_at, counterpart_name)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                OffsetDateTime received = now.minusSeconds(random.nextInt(90 * 24 * 3600));
                int counterpart = random.nextInt(200);
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, company);
                insert.setString(3, CHANNELS[random.nextInt(CHANNELS.length)]);
                insert.setString(4, STATES[random.nextInt(STATES.length)]);
                insert.setString(5, "Benchmark invoice.");
                insert.setString(6, "%064x".formatted(i));
                insert.setLong(7, 4000 + random.nextInt(20000));
                insert.setString(8, "Invoice");
                insert.setString(9, "B-%06d".formatted(i));
                insert.setObject(10, received.toLocalDate());
                insert.setString(11, "SEK");
                insert.setBigDecimal(12, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
                insert.setString(13, "0007:5567321707");
                insert.setString(14, "0007:%010d".formatted(1_000_000_000L + counterpart));
                insert.setObject(15, received);
                insert.setObject(16, received);
                insert.setString(17, NAMES[counterpart % NAMES.length] + " " + (counterpart / NAMES.length) + " AB");
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void measure(HttpClient http, GatewayProcess gateway, String token, int calls, String what,
            IntFunction<String> paths) throws Exception {
        for (int i = 0; i < calls / 4; i++) {
            call(http, gateway, token, paths.apply(i));
        }
        long[] times = new long[calls];
        long found = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            found += call(http, gateway, token, paths.apply(i));
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        System.out.printf("%-48s p50 %6.1f ms   p99 %6.1f ms   (%d calls, %,d matches on average)%n", what,
                times[calls / 2] / 1e6, times[(int) Math.ceil(calls * 0.99) - 1] / 1e6, calls, found / calls);
    }

    private static long call(HttpClient http, GatewayProcess gateway, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.url(path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("total").asLong();
    }
}
