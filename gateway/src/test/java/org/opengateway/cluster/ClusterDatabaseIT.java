package org.opengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opengateway.delivery.Deliveries;
import org.opengateway.delivery.DeliveryClaim;
import org.opengateway.testing.TestPostgres;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.reporting.ReportingProperties;
import org.opengateway.tracking.InvoiceStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database side of running several nodes, on H2 and on PostgreSQL alike: all migrations run, and two nodes (each
 * with its own connection pool, as two JVMs would have) never claim the same invoice to send, never hold one job at
 * once, and never take the same inbox file. The PostgreSQL runs need a server (see {@link TestPostgres}).
 */
class ClusterDatabaseIT {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** One node's view of the database: its own pool, transactions and stores. */
    private record Node(String name, JdbcClient jdbc, TransactionTemplate transactions, Deliveries deliveries,
            ClusterJobs jobs, HikariDataSource pool) {
    }

    private record Nodes(Node a, Node b) {
    }

    /** Runs the test once on a fresh H2 database and once on a fresh PostgreSQL one (when a server is given). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    @interface OnH2AndPostgresql {
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        pools.forEach(HikariDataSource::close);
    }

    @OnH2AndPostgresql
    void twoNodesNeverClaimTheSameInvoiceAndALockedRowIsSkippedNotWaitedFor(String database) throws Exception {
        Nodes nodes = twoNodes(database);
        Node a = nodes.a();
        Node b = nodes.b();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Set<UUID> all = acceptedInvoices(a, 120, now);

        // a claims five and keeps its transaction open: b takes five others at once instead of waiting
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        Future<List<DeliveryClaim>> held = threads.submit(() -> a.transactions().execute(tx -> {
            List<DeliveryClaim> claims = a.deliveries().claim(a.name(), 5, Duration.ofMinutes(2), now);
            aHolds.countDown();
            awaitLatch(bDone);
            return claims;
        }));
        assertThat(aHolds.await(30, TimeUnit.SECONDS)).isTrue();
        List<DeliveryClaim> meanwhile = b.transactions().execute(tx ->
                b.deliveries().claim(b.name(), 5, Duration.ofMinutes(2), now));
        bDone.countDown();
        List<UUID> heldByA = ids(held.get(30, TimeUnit.SECONDS));
        assertThat(heldByA).hasSize(5);
        assertThat(Collections.disjoint(ids(meanwhile), heldByA)).isTrue();
        if (database.equals("postgresql")) {
            // H2 applies the LIMIT before it skips locked rows, so there b finds nothing this time (H2 is one node)
            assertThat(meanwhile).hasSize(5);
        }

        // then both take the rest as fast as they can
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Set<UUID>>> runs = new ArrayList<>();
        for (Node node : List.of(a, b)) {
            runs.add(threads.submit(() -> {
                start.await();
                Set<UUID> taken = new HashSet<>();
                List<DeliveryClaim> batch;
                do {
                    batch = node.transactions().execute(tx ->
                            node.deliveries().claim(node.name(), 3, Duration.ofMinutes(2), now));
                    for (UUID id : ids(batch)) {
                        assertThat(taken.add(id)).as("claimed twice by " + node.name()).isTrue();
                    }
                } while (!batch.isEmpty());
                return taken;
            }));
        }
        Set<UUID> byA = new HashSet<>(runs.get(0).get(60, TimeUnit.SECONDS));
        Set<UUID> byB = new HashSet<>(runs.get(1).get(60, TimeUnit.SECONDS));
        byA.addAll(heldByA);
        byB.addAll(ids(meanwhile));
        assertThat(Collections.disjoint(byA, byB)).as("no invoice claimed by both").isTrue();
        Set<UUID> together = new HashSet<>(byA);
        together.addAll(byB);
        assertThat(together).isEqualTo(all);
        assertThat(a.jdbc().sql("SELECT COUNT(*) FROM delivery_attempt").query(Long.class).single())
                .as("one attempt per invoice").isEqualTo(all.size());
    }

    @OnH2AndPostgresql
    void anInvoiceWhoseLeaseEndedGoesToTheOtherNodeAndTheFirstCannotRecordItsOutcome(String database) {
        Nodes nodes = twoNodes(database);
        Node a = nodes.a();
        Node b = nodes.b();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID invoice = acceptedInvoices(a, 1, now).iterator().next();
        DeliveryClaim first = a.transactions().execute(tx ->
                a.deliveries().claim(a.name(), 1, Duration.ofMinutes(2), now)).get(0);

        List<DeliveryClaim> tooEarly = b.transactions().execute(tx -> b.deliveries().claim(b.name(), 1,
                Duration.ofMinutes(2), now.plusMinutes(1)));
        assertThat(tooEarly).as("still leased to a").isEmpty();
        List<DeliveryClaim> taken = b.transactions().execute(tx -> b.deliveries().claim(b.name(), 1,
                Duration.ofMinutes(2), now.plusMinutes(3)));
        assertThat(taken).extracting(DeliveryClaim::invoiceId).containsExactly(invoice);
        assertThat(taken.get(0).interrupted()).isTrue();
        Boolean recorded = a.transactions().execute(tx -> a.deliveries().finish(first, a.name(),
                new Deliveries.Outcome(InvoiceStatus.DELIVERED, "late", now.plusMinutes(3), null, null, null, null,
                        null, null, true)));
        assertThat(recorded).as("a lost its lease").isFalse();
    }

    @OnH2AndPostgresql
    void oneNodeAtATimeRunsAJobAndAStoppedNodeHandsItOver(String database) throws Exception {
        Nodes nodes = twoNodes(database);
        Node a = nodes.a();
        Node b = nodes.b();
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 30; round++) {
            List<Future<Boolean>> asks = new ArrayList<>();
            for (Node node : List.of(a, b)) {
                asks.add(threads.submit(() -> {
                    together.await();
                    return node.jobs().onOneNode("publisher");
                }));
            }
            int holders = (asks.get(0).get(30, TimeUnit.SECONDS) ? 1 : 0) + (asks.get(1).get() ? 1 : 0);
            assertThat(holders).as("round " + round).isEqualTo(1);
        }
        String holder = a.jobs().holder("publisher").orElseThrow();
        Node running = holder.equals(a.name()) ? a : b;
        Node other = running == a ? b : a;
        assertThat(other.jobs().onOneNode("publisher")).isFalse();
        running.jobs().handBack();
        assertThat(other.jobs().onOneNode("publisher")).as("handed over at once").isTrue();
        assertThat(running.jobs().onOneNode("publisher")).as("a stopping node takes nothing").isFalse();

        // a job once per period: the period's node runs it, the other does not until the lease has ended
        assertThat(a.jobs().oncePer("housekeeping", 60_000)).isTrue();
        assertThat(b.jobs().oncePer("housekeeping", 60_000)).isFalse();
        assertThat(a.jobs().oncePer("short", 300)).isTrue();
        assertThat(b.jobs().oncePer("short", 300)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.jobs().oncePer("short", 60_000));
        assertThat(a.jobs().oncePer("short", 60_000)).isFalse();
    }

    /** Setup that both nodes try at the same moment is done by one; the other waits and finds it done. */
    @OnH2AndPostgresql
    void setupDoneOneNodeAtATimeIsDoneOnceWhenTwoNodesStartTogether(String database) throws Exception {
        Nodes nodes = twoNodes(database);
        CyclicBarrier together = new CyclicBarrier(2);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int round = 0; round < 20; round++) {
            String slug = "setup-" + round;
            List<Future<Boolean>> tries = new ArrayList<>();
            for (Node node : List.of(nodes.a(), nodes.b())) {
                tries.add(threads.submit(() -> {
                    together.await();
                    boolean[] made = {false};
                    node.jobs().oneAtATime("setup", () -> {
                        // check, then make: without the lock both would see nothing and both insert
                        if (node.jdbc().sql("SELECT COUNT(*) FROM company WHERE slug = ?").param(slug)
                                .query(Long.class).single() == 0) {
                            node.jdbc().sql("INSERT INTO company (id, slug, name, org_number, created_at)"
                                    + " VALUES (?, ?, 'Setup AB', '5567321707', ?)")
                                    .params(UUID.randomUUID(), slug, now).update();
                            made[0] = true;
                        }
                    });
                    return made[0];
                }));
            }
            int made = (tries.get(0).get(30, TimeUnit.SECONDS) ? 1 : 0) + (tries.get(1).get(30, TimeUnit.SECONDS) ? 1 : 0);
            assertThat(made).as("round " + round + ": made by one node, without an error on the other").isEqualTo(1);
        }
    }

    @OnH2AndPostgresql
    void eachInboxFileIsClaimedByOneNodeAndARestartedNodeDropsItsOldClaims(String database) throws Exception {
        Nodes nodes = twoNodes(database);
        InboxClaims a = claims(nodes.a());
        InboxClaims b = claims(nodes.b());
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            files.add("/shared/inbox/acme/invoice-" + i + ".xml");
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Set<String>>> runs = new ArrayList<>();
        for (InboxClaims node : List.of(a, b)) {
            runs.add(threads.submit(() -> {
                start.await();
                Set<String> taken = new HashSet<>();
                for (String file : files) {
                    if (node.repository().add(file)) {
                        taken.add(file);
                    }
                }
                return taken;
            }));
        }
        Set<String> byA = runs.get(0).get(60, TimeUnit.SECONDS);
        Set<String> byB = runs.get(1).get(60, TimeUnit.SECONDS);
        assertThat(Collections.disjoint(byA, byB)).as("no file claimed by both").isTrue();
        assertThat(byA.size() + byB.size()).isEqualTo(files.size());

        String file = files.get(0);
        InboxClaims owner = byA.contains(file) ? a : b;
        InboxClaims other = owner == a ? b : a;
        assertThat(other.repository().add(file)).isFalse();
        assertThat(other.repository().remove(file)).as("a node removes its own claims only").isFalse();
        assertThat(owner.repository().remove(file)).isTrue();
        assertThat(other.repository().add(file)).as("a file whose claim was dropped can be taken again").isTrue();

        claims(nodes.a()); // node a restarts: what it held before is free again
        assertThat(nodes.b().jdbc().sql("SELECT COUNT(*) FROM inbox_claim WHERE node = ?").param(nodes.a().name())
                .query(Long.class).single()).isZero();
        assertThat(nodes.b().jdbc().sql("SELECT COUNT(*) FROM inbox_claim WHERE node = ?").param(nodes.b().name())
                .query(Long.class).single()).as("b's claims stay").isEqualTo(other == b ? byB.size() + 1 : byB.size() - 1);
    }

    private Nodes twoNodes(String database) {
        String url;
        String user;
        String password;
        if (database.equals("postgresql")) {
            TestPostgres.Database fresh = TestPostgres.freshDatabase("cluster");
            url = fresh.url();
            user = fresh.user();
            password = fresh.password();
        } else {
            url = "jdbc:h2:mem:cluster-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "gateway";
            password = "";
        }
        Node a = node("node-a", url, user, password);
        Flyway.configure().dataSource(a.pool()).locations("classpath:db/migration").load().migrate();
        return new Nodes(a, node("node-b", url, user, password));
    }

    private Node node(String name, String url, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(4);
        pools.add(pool);
        JdbcClient jdbc = JdbcClient.create(pool);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        return new Node(name, jdbc, transactions, new Deliveries(jdbc, new InvoiceStore(jdbc),
                new ReportingItems(jdbc, "PSE000001", new ReportingProperties(true, "9925:be0848934496", "SE",
                        Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(5))), event -> { }),
                new ClusterJobs(jdbc, transactions, name, Duration.ofSeconds(15)), pool);
    }

    private static InboxClaims claims(Node node) {
        return new InboxClaims(node.pool(), node.transactions(), node.jdbc(), node.name());
    }

    /** A company with {@code count} accepted invoices, each scheduled for sending now. */
    private static Set<UUID> acceptedInvoices(Node node, int count, OffsetDateTime now) {
        UUID company = UUID.randomUUID();
        node.jdbc().sql("INSERT INTO company (id, slug, name, org_number, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(company, "c-" + company.toString().substring(0, 8), "Cluster Test AB", "5567321707", now)
                .update();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            node.jdbc().sql("INSERT INTO invoice (id, company_id, channel, status, document_sha256, document_size,"
                            + " received_at, updated_at) VALUES (?, ?, 'API', 'ACCEPTED', ?, 100, ?, ?)")
                    .params(id, company, id.toString().replace("-", ""), now, now)
                    .update();
            node.deliveries().schedule(id, now.minusSeconds(1));
            ids.add(id);
        }
        return ids;
    }

    private static List<UUID> ids(List<DeliveryClaim> claims) {
        return claims.stream().map(DeliveryClaim::invoiceId).toList();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The other node did not claim within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
