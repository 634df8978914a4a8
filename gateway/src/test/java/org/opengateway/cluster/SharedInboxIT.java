package org.opengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.TestInvoices;
import org.opengateway.testing.TestPostgres;

/**
 * Two gateway nodes (child JVMs, each with its own data folder and broker) on one PostgreSQL database, watching one
 * shared inbox: of the files dropped there each is taken by exactly one node, and each makes one invoice. One node
 * publishes the events at a time, and when it stops it hands that job to the other at once.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class SharedInboxIT {

    private static final int FILES = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    /** Two JVMs starting at once on a loaded 2-core machine take longer than one. */
    private static final Duration TWO_STARTS = GatewayProcess.START_DEADLINE.multipliedBy(2);

    private static final List<GatewayProcess> nodes = new ArrayList<>();

    @AfterAll
    static void stop() {
        nodes.forEach(GatewayProcess::close);
    }

    @Test
    void eachFileOfASharedInboxIsTakenByOneNodeOnce() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("shared_inbox");
        Path shared = Files.createTempDirectory("gateway-shared-");
        String sharedDir = "--gateway.cluster.shared-dir=" + shared;
        // a long job lease: the job can only move to the other node in time because the stopping node hands it back
        String jobLease = "--gateway.cluster.job-lease=10m";
        // both start at once on the empty database (Flyway lets one migrate); a makes the demo companies
        GatewayProcess a = ClusterNodes.launch(Files.createTempDirectory("gateway-node-a-"), "node-a.log", database,
                sharedDir, jobLease);
        nodes.add(a);
        GatewayProcess b = ClusterNodes.launch(Files.createTempDirectory("gateway-node-b-"), "node-b.log", database,
                sharedDir, jobLease, "--gateway.demo.enabled=false");
        nodes.add(b);
        a.awaitUp(TWO_STARTS);
        b.awaitUp(TWO_STARTS);
        Properties demo = a.demoProperties();
        String key = demo.getProperty("sender.api-key");
        String sender = demo.getProperty("sender.participant");
        String receiver = demo.getProperty("receiver.participant");
        Path inbox = Path.of(demo.getProperty("sender.inbox"));
        assertThat(inbox).startsWith(shared);
        String slug = inbox.getFileName().toString();

        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String number = String.format("SHARED-%s-%02d", run, i);
            ClusterNodes.drop(inbox, number, TestInvoices.invoiceBytes(number, sender, receiver));
            numbers.add(number);
        }

        Path archive = shared.resolve("archive").resolve(slug);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(names(inbox)).isEmpty());
        assertThat(names(archive)).as("every file archived once, none renamed for a second copy")
                .containsExactlyInAnyOrderElementsOf(numbers.stream().map(n -> n + ".xml").toList());
        assertThat(names(shared.resolve("rejected").resolve(slug))).isEmpty();

        long acceptedByA = ClusterNodes.counter(a, "gateway.intake", "channel:folder", "outcome:accepted");
        long acceptedByB = ClusterNodes.counter(b, "gateway.intake", "channel:folder", "outcome:accepted");
        System.out.printf("Of %d files node a took %d and node b %d%n", FILES, acceptedByA, acceptedByB);
        assertThat(acceptedByA + acceptedByB).as("each file went through intake once").isEqualTo(FILES);
        assertThat(ClusterNodes.counter(a, "gateway.intake", "channel:folder", "outcome:duplicate")
                + ClusterNodes.counter(b, "gateway.intake", "channel:folder", "outcome:duplicate")).isZero();
        try (Connection sql = database.connect()) {
            assertThat(count(sql, "SELECT COUNT(*) FROM invoice WHERE invoice_number LIKE ?", "SHARED-" + run + "-%"))
                    .isEqualTo(FILES);
            assertThat(count(sql, "SELECT COUNT(*) FROM invoice_event e JOIN invoice i ON i.id = e.invoice_id"
                    + " WHERE e.status = 'RECEIVED' AND i.invoice_number LIKE ?", "SHARED-" + run + "-%"))
                    .as("each received once").isEqualTo(FILES);
        }
        // the claims are dropped a little after their files have left the inbox
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            try (Connection sql = database.connect()) {
                assertThat(count(sql, "SELECT COUNT(*) FROM inbox_claim WHERE file LIKE ?", "%" + run + "%")).isZero();
            }
        });
        for (String number : List.of(numbers.get(0), numbers.get(FILES - 1))) {
            await().atMost(DEADLINE).untilAsserted(() ->
                    assertThat(ClusterNodes.statusOf(b, key, number)).isEqualTo("DELIVERED"));
        }

        // one node publishes the events; stopped, it hands the job to the other at once (its lease is 10 minutes)
        String publisher;
        OffsetDateTime leaseEnd;
        try (Connection sql = database.connect(); PreparedStatement query = sql.prepareStatement(
                "SELECT holder, until FROM job_lease WHERE name = 'invoice-events'");
                ResultSet row = query.executeQuery()) {
            assertThat(row.next()).isTrue();
            publisher = row.getString(1);
            leaseEnd = row.getObject(2, OffsetDateTime.class);
        }
        GatewayProcess running = nodeNamed(publisher);
        GatewayProcess other = running == a ? b : a;
        running.stop();
        String otherName = nodeName(other);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            try (Connection sql = database.connect()) {
                assertThat(count(sql, "SELECT COUNT(*) FROM job_lease WHERE name = 'invoice-events' AND holder = ?",
                        otherName)).isEqualTo(1);
            }
        });
        assertThat(OffsetDateTime.now()).as("taken over before the stopped node's lease would have ended")
                .isBefore(leaseEnd);
    }

    private static GatewayProcess nodeNamed(String name) throws IOException {
        for (GatewayProcess node : nodes) {
            if (nodeName(node).equals(name)) {
                return node;
            }
        }
        throw new IllegalStateException("No node is named " + name);
    }

    private static String nodeName(GatewayProcess node) throws IOException {
        return Files.readString(node.dataDir().resolve("node-id")).trim();
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
        }
    }

    private static long count(Connection sql, String query, String parameter) throws java.sql.SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
