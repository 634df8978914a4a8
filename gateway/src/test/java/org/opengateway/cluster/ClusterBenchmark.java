package org.opengateway.cluster;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.ExternalArtemis;
import org.opengateway.testing.TestInvoices;
import org.opengateway.testing.TestPostgres;

/**
 * End-to-end throughput of the cluster with one sending node and with two, on this machine: the sending nodes run
 * from the built jar in child JVMs on a fresh PostgreSQL database each time and the external Artemis pair, and send
 * over AS4 to a receiving gateway B in a JVM of its own. Clients post the invoices over the HTTP API, spread over the
 * nodes; the figure is invoices per second from the first post until the last invoice is DELIVERED (B's signed
 * receipt stored). A warm-up round runs first in each part and is not counted.
 *
 * <p>Needs the same properties as the cluster tests ({@code -Dgateway.test.postgresql.url/user/password},
 * {@code -Dgateway.test.artemis.url/user/password/primary/backup}). Options: {@code -Dbenchmark.invoices=300},
 * {@code -Dbenchmark.warmup=40}, {@code -Dbenchmark.clients=8}.
 */
public final class ClusterBenchmark {

    private static final int INVOICES = Integer.getInteger("benchmark.invoices", 300);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 40);
    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 8);
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    private ClusterBenchmark() {
    }

    private record Result(int nodes, int invoices, double seconds, int errors) {
        double perSecond() {
            return invoices / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty(TestPostgres.URL, "").isBlank()
                || System.getProperty("gateway.test.artemis.url", "").isBlank()) {
            System.err.println("ClusterBenchmark " + TestPostgres.NOT_GIVEN + ", and an external Artemis pair:"
                    + " -Dgateway.test.artemis.url=... .user .password .primary .backup (.ci/artemis.sh prints them)");
            System.exit(2);
        }
        ExternalArtemis artemis = ExternalArtemis.required();
        Path root = Files.createTempDirectory("gateway-cluster-benchmark-");
        List<Result> results = new ArrayList<>();
        try (GatewayProcess b = ClusterNodes.launchReceiver(root.resolve("b"))) {
            b.awaitUp(GatewayProcess.START_DEADLINE);
            for (int nodes = 1; nodes <= 2; nodes++) {
                results.add(measure(nodes, artemis, root, b));
            }
        } finally {
            GatewayProcess.deleteRecursively(root);
        }
        Result one = results.get(0);
        Result two = results.get(1);
        System.out.printf(Locale.ROOT, "%nCluster benchmark, %d invoices over the API by %d clients, end to end to"
                + " DELIVERED, on %d CPUs (load average now %.1f)%n", INVOICES, CLIENTS,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "  %d node%s: %6.1f invoices/s (%d in %.1f s, %d errors)%n",
                    result.nodes(), result.nodes() == 1 ? " " : "s", result.perSecond(), result.invoices(),
                    result.seconds(), result.errors());
        }
        System.out.printf(Locale.ROOT, "  two nodes / one node: %.2f%n", two.perSecond() / one.perSecond());
    }

    /** Starts the sending nodes on a fresh database, warms them up, then times one round. */
    private static Result measure(int nodeCount, ExternalArtemis artemis, Path root, GatewayProcess b)
            throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase("cluster_benchmark");
        Path shared = Files.createDirectories(root.resolve(nodeCount + "-nodes-shared"));
        List<String> args = ClusterNodes.sendingArgs(artemis, shared, b);
        args.addAll(List.of("--gateway.sending.parallel=8", "--gateway.sending.poll-interval=20"));
        List<GatewayProcess> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= nodeCount; i++) {
                nodes.add(ClusterNodes.launch(root.resolve(nodeCount + "-nodes-a" + i), "a" + i + ".log", database,
                        args.toArray(String[]::new)));
            }
            for (GatewayProcess node : nodes) {
                node.awaitUp(GatewayProcess.START_DEADLINE.multipliedBy(nodeCount));
            }
            Properties demo = nodes.stream().filter(node -> Files.exists(node.dataDir().resolve("demo.properties")))
                    .findFirst().orElseThrow().demoProperties();
            round(nodes, demo, database, "WARM-", WARMUP);
            Result result = round(nodes, demo, database, "RUN-", INVOICES);
            System.out.printf(Locale.ROOT, "%d node%s: %.1f invoices/s%n", nodeCount, nodeCount == 1 ? "" : "s",
                    result.perSecond());
            return new Result(nodeCount, result.invoices(), result.seconds(), result.errors());
        } finally {
            nodes.forEach(GatewayProcess::close);
        }
    }

    /** Posts {@code count} invoices with the clients, spread over the nodes, and waits until all are DELIVERED. */
    private static Result round(List<GatewayProcess> nodes, Properties demo, TestPostgres.Database database,
            String kind, int count) throws Exception {
        String prefix = "BENCH-" + kind + UUID.randomUUID().toString().substring(0, 6) + "-";
        String key = demo.getProperty("sender.api-key");
        String sender = demo.getProperty("sender.participant");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String number = prefix + i;
                        HttpResponse<String> answer = ClusterNodes.post(nodes.get(i % nodes.size()), key,
                                TestInvoices.invoiceBytes(number, sender, ClusterNodes.RECEIVER_AT_B), number);
                        if (answer.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdown();
        }
        int accepted = count - errors.get();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> delivered(database, prefix) >= accepted);
        return new Result(nodes.size(), accepted, (System.nanoTime() - start) / 1e9, errors.get());
    }

    private static long delivered(TestPostgres.Database database, String prefix) throws SQLException {
        try (Connection sql = database.connect(); PreparedStatement query = sql.prepareStatement(
                "SELECT COUNT(*) FROM invoice WHERE invoice_number LIKE ? AND status = 'DELIVERED'")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
