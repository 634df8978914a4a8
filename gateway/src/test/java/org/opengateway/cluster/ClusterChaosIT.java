package org.opengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opengateway.broker.ExternalBrokerSetupFile;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.ExternalArtemis;
import org.opengateway.testing.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * The cluster under faults. Two sending nodes (A1, A2: child JVMs on one PostgreSQL database, one external Artemis
 * primary/backup pair and one shared inbox) send to a receiving gateway B (its own JVM, H2 and embedded broker),
 * which they find through B's SMP, while invoices stream in over the folder, the HTTP API and the Artemis queue.
 * Under that load: kill -9 of A1 (A2 takes over its work, then A1 starts again); kill -9 of the active broker (the
 * backup takes over, then the killed one starts again as the new backup); a restart of PostgreSQL. Afterwards every
 * invoice a channel confirmed is one invoice, DELIVERED, received by B exactly once, and none is stuck.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class ClusterChaosIT {

    /** Invoices per channel in each of the three rounds; each fault strikes a third of the way into its round. */
    private static final int PER_ROUND = 30;
    private static final Duration ROUND = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofMinutes(5);
    /** Two or three JVMs starting at once on a loaded 2-core machine take longer than one. */
    private static final Duration STARTS = GatewayProcess.START_DEADLINE.multipliedBy(2);

    private static final List<GatewayProcess> started = new ArrayList<>();
    private static volatile GatewayProcess a1;
    private static volatile GatewayProcess a2;

    @AfterAll
    static void stopAll() {
        started.forEach(GatewayProcess::close);
    }

    @Test
    void everyConfirmedInvoiceIsDeliveredOnceThroughNodeBrokerAndDatabaseFailures() throws Exception {
        ExternalArtemis artemis = ExternalArtemis.required();
        TestPostgres.Database database = TestPostgres.freshDatabase("chaos");
        // an earlier test may have killed a broker and started it again: wait until the pair is whole
        artemis.awaitWhole(Duration.ofMinutes(3));
        Path root = Files.createTempDirectory("gateway-chaos-");
        Path shared = Files.createDirectories(root.resolve("shared"));

        GatewayProcess b = ClusterNodes.launchReceiver(root.resolve("b"));
        started.add(b);
        List<String> sendingArgs = ClusterNodes.sendingArgs(artemis, shared, b);
        sendingArgs.addAll(List.of(
                // short leases and timeouts, so that the work of a killed node moves on within the test
                "--gateway.sending.connect-timeout=2s", "--gateway.sending.response-timeout=10s",
                "--gateway.sending.lease=15s", "--gateway.sending.poll-interval=100",
                "--gateway.sending.retry.max-delay=3s", "--gateway.sending.circuit.open-for=3s",
                "--gateway.cluster.job-lease=5s"));
        a1 = launchSendingNode(root, "a1", database, sendingArgs);
        a2 = launchSendingNode(root, "a2", database, sendingArgs);
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> b.awaitUp(STARTS)),
                CompletableFuture.runAsync(() -> a1.awaitUp(STARTS)),
                CompletableFuture.runAsync(() -> a2.awaitUp(STARTS))).join();
        Properties demo = demoOfEither(a1, a2);
        // the broker settings the gateway wrote for the operator (redelivery, dead letters, rights), put on the pair
        artemis.applyBrokerXmlSections(Files.readString(a1.dataDir().resolve(ExternalBrokerSetupFile.SETTINGS_FILE)));
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path inbox = Path.of(demo.getProperty("sender.inbox"));

        long begun = System.nanoTime();
        try (ChaosLoad load = new ChaosLoad(run, demo.getProperty("sender.api-key"),
                demo.getProperty("sender.participant"), ClusterNodes.RECEIVER_AT_B, inbox, () -> List.of(a1, a2), artemis.connectionFactory())) {
            // 1: kill -9 of a sending node; the other takes over its leases, claims and unacknowledged messages
            round(load, () -> {
                a1.kill();
                System.out.println("Chaos: killed sending node A1 (kill -9)");
            });
            a1 = launchSendingNode(root, "a1", database, sendingArgs);
            a1.awaitUp(STARTS);

            // 2: kill -9 of the active broker; the backup takes over; the killed one comes back as the new backup
            Path[] killedBroker = new Path[1];
            round(load, () -> {
                killedBroker[0] = artemis.killActive();
                System.out.println("Chaos: killed the active broker " + killedBroker[0].getFileName() + " (kill -9)");
            });
            artemis.restart(killedBroker[0]);
            artemis.awaitWhole(Duration.ofMinutes(3));

            // 3: PostgreSQL restarts; open connections are cut, Hikari connects again
            round(load, () -> {
                TestPostgres.restartServer();
                System.out.println("Chaos: restarted PostgreSQL");
            });
            assertThat(load.refused()).as("the gateway refused none of the valid invoices").isEmpty();
            Set<String> confirmed = load.confirmed();
            System.out.printf("Chaos: %d invoices confirmed in %d s (%d per channel and round); sent again after an"
                            + " error: %d over the API, %d over the queue%n", confirmed.size(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begun), PER_ROUND,
                    load.retries(ChaosLoad.Channel.API), load.retries(ChaosLoad.Channel.QUEUE));

            // once the cluster is whole again, every confirmed invoice ends DELIVERED, and none stays on the way
            long settling = System.nanoTime();
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                    statusCounts(database, load.prefix())).as("invoices by status")
                    .isEqualTo(Map.of("DELIVERED", (long) confirmed.size())));
            System.out.printf("Chaos: all DELIVERED %d s after the last confirmation%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - settling));

            try (Connection sql = database.connect()) {
                assertThat(strings(sql, "SELECT invoice_number FROM invoice WHERE invoice_number LIKE ?",
                        load.prefix() + "%")).as("each confirmed invoice exactly once, and nothing else")
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(confirmed);
                assertThat(strings(sql, "SELECT i.invoice_number FROM invoice_event e JOIN invoice i"
                        + " ON i.id = e.invoice_id WHERE e.status = 'DELIVERED' AND i.invoice_number LIKE ?",
                        load.prefix() + "%")).as("each DELIVERED once in its history").doesNotHaveDuplicates()
                        .hasSize(confirmed.size());
            }
            // B lists a received invoice once it has read it, a moment after it gave the receipt
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    receivedAt(b, load.prefix()).size() >= confirmed.size());
            List<String> atB = receivedAt(b, load.prefix());
            assertThat(atB).as("B received each invoice exactly once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(confirmed);
            assertThat(filesIn(inbox)).as("the shared inbox is empty").isEmpty();
            assertThat(filesIn(shared.resolve("rejected").resolve(inbox.getFileName()))).isEmpty();
            System.out.printf("Chaos: %d confirmed, %d invoices DELIVERED once each, %d received once each by B%n",
                    confirmed.size(), confirmed.size(), atB.size());
        }
    }

    /** The invoices of the run counted by status. */
    private static Map<String, Long> statusCounts(TestPostgres.Database database, String prefix) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection sql = database.connect(); PreparedStatement query = sql.prepareStatement(
                "SELECT status, COUNT(*) FROM invoice WHERE invoice_number LIKE ? GROUP BY status")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static List<String> strings(Connection sql, String query, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    /** The invoice numbers of the run that B's demo receiver received, one entry per received document. */
    private static List<String> receivedAt(GatewayProcess b, String prefix) {
        String key = b.demoProperties().getProperty("receiver.api-key");
        List<String> numbers = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode items = ClusterNodes.json(ClusterNodes.get(b, key, "/api/v1/received?size=500&page=" + page))
                    .get("items");
            items.findValuesAsString("invoiceNumber").stream().filter(n -> n.startsWith(prefix)).forEach(numbers::add);
            if (items.size() < 500) {
                return numbers;
            }
        }
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
        }
    }

    private interface Fault {
        void strike() throws Exception;
    }

    /** Gives each channel a round of invoices, strikes once a third of them are confirmed, awaits the rest. */
    private static void round(ChaosLoad load, Fault fault) throws Exception {
        int before = load.confirmed().size();
        int total = load.add(PER_ROUND);
        await().atMost(ROUND).until(() -> load.confirmed().size() >= before + PER_ROUND);
        fault.strike();
        await().atMost(ROUND).until(() -> load.confirmed().size() >= total);
    }

    private static GatewayProcess launchSendingNode(Path root, String name, TestPostgres.Database database,
            List<String> args) {
        GatewayProcess node = ClusterNodes.launch(root.resolve(name), name + ".log", database,
                args.toArray(String[]::new));
        started.add(node);
        return node;
    }

    /** Both nodes started at once on the empty database; one of them made the demo companies. */
    private static Properties demoOfEither(GatewayProcess first, GatewayProcess second) {
        for (GatewayProcess node : List.of(first, second)) {
            if (Files.exists(node.dataDir().resolve("demo.properties"))) {
                return node.demoProperties();
            }
        }
        throw new IllegalStateException("Neither node made the demo companies");
    }
}
