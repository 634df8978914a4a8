package org.opengateway.mls;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.peppol.sbdh.EPeppolMLSType;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.sf.saxon.s9api.Processor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opengateway.cluster.ClusterJobs;
import org.opengateway.config.GatewayProperties;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.directory.SmpLocator;
import org.opengateway.document.SafeXml;
import org.opengateway.mls.MlsCodes.ResponseCode;
import org.opengateway.mls.MlsDecision.Handover;
import org.opengateway.receiving.ReceivedDocument;
import org.opengateway.receiving.ReceivedRecord;
import org.opengateway.receiving.ReceivedStatus;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.reporting.ReportingProperties;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestPostgres;
import org.opengateway.testing.TestInvoices;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * MLS against a real database (H2 in PostgreSQL mode, and PostgreSQL when a server is given; migrated by Flyway) with the real AS4 sender and SMP lookup: the
 * one MLS per received document, its queue with claims, leases and growing waits (the MLS receiver's SMP is a closed
 * port, so every send really fails), two nodes never sending one twice, received MLS applied to our invoice once, the
 * overdue flag and the service levels.
 */
class MlsDatabaseIT {

    private static final As4Keys KEYS = As4Keys.load(new GatewayProperties.As4(SampleKeys.file("gateway-b.p12"),
            "test-only", "key", SampleKeys.file("truststore.p12"), "test-only"));
    private static final MlsRules RULES = new MlsRules(new Processor(false));
    private static final String INVOICE_TYPE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:"
            + "Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    private static final ValidationReport PASSED = new ValidationReport("peppol-billing-2026.5", List.of());
    private static final ValidationReport FAILED = new ValidationReport("peppol-billing-2026.5", List.of(
            new Finding("BR-CO-15", Severity.FATAL, "/Invoice[1]", 4, "[BR-CO-15]-Totals do not add up.")));

    private final List<HikariDataSource> pools = new ArrayList<>();
    private JdbcClient jdbc;
    private TransactionTemplate transactions;
    private String url;
    private String user = "gateway";
    private String password = "";

    /** Runs the test once on a fresh H2 database and once on a fresh PostgreSQL one (when a server is given). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    @interface OnH2AndPostgresql {
    }

    private void database(String database) {
        if (database.equals("postgresql")) {
            TestPostgres.Database fresh = TestPostgres.freshDatabase("mls");
            url = fresh.url();
            user = fresh.user();
            password = fresh.password();
        } else {
            url = "jdbc:h2:mem:mls-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        }
        HikariDataSource pool = pool();
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(pool);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @OnH2AndPostgresql
    void aRejectedDocumentIsAnsweredOnceAndAFailedSendWaitsLongerEachTimeOnOneNodeOnly(String database) {
        database(database);
        OutgoingMls node = outgoing(jdbc, transactions, EPeppolMLSType.ALWAYS_SEND);
        ReceivedRecord document = received("PSE000001");
        byte[] content = sbdh("0242:000009", "FAILURE_ONLY");

        node.answer(document, content, FAILED, Handover.PENDING, null);
        node.answer(document, content, FAILED, Handover.HANDED_OVER, null);
        node.answer(document, content, PASSED, Handover.CONFIRMED, null);

        List<OutgoingMls.Answer> answers = answers(node);
        assertThat(answers).hasSize(1);
        OutgoingMls.Answer answer = answers.get(0);
        assertThat(answer.responseCode()).isEqualTo("RE");
        assertThat(answer.status()).isEqualTo("PENDING");
        assertThat(answer.mlsTo()).as("MLS_TO of the SBDH").isEqualTo("0242:000009");
        assertThat(answer.referencedSbdhId()).isEqualTo(document.sbdhInstanceId());
        assertThat(answer.reasons()).contains("breaks a business rule - [BR-CO-15]");
        byte[] mls = jdbc.sql("SELECT content FROM mls_outbound WHERE id = ?").param(answer.id())
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(RULES.check(mls)).isEmpty();

        // two nodes at once: the lease taken with the claim keeps the other off, so there is one attempt
        OutgoingMls other = outgoing(JdbcClient.create(pool()), transactions, EPeppolMLSType.ALWAYS_SEND);
        CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(node::sendDue);
        CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(other::sendDue);
        assertThat(onA.join() + onB.join()).isEqualTo(1);
        OutgoingMls.Answer failed = answers(node).get(0);
        assertThat(failed.status()).isEqualTo("PENDING");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("Attempt 1 failed").contains("0242:000009 could not be found");
        assertThat(Duration.between(OffsetDateTime.now(ZoneOffset.UTC), failed.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        assertThat(node.sendDue()).as("not due again yet").isZero();

        jdbc.sql("UPDATE mls_outbound SET due_at = ?").param(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .update();
        assertThat(node.sendDue()).isEqualTo(1);
        OutgoingMls.Answer again = answers(node).get(0);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(Duration.between(OffsetDateTime.now(ZoneOffset.UTC), again.nextAttemptAt()))
                .as("twice the first wait").isBetween(Duration.ofSeconds(110), Duration.ofSeconds(121));
        assertThat(node.wait(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(node.wait(20)).as("never longer than the longest").isEqualTo(Duration.ofHours(1));
    }

    @OnH2AndPostgresql
    void failureOnlyKeepsAnAcceptedOneBackAndTheSenderOfAnSbdhWithoutValidMlsToIsAnsweredAtItsOwnId(String database) {
        database(database);
        OutgoingMls node = outgoing(jdbc, transactions, EPeppolMLSType.ALWAYS_SEND);
        ReceivedRecord failuresOnly = received("PSE000001");
        node.answer(failuresOnly, sbdh("0242:000009", "FAILURE_ONLY"), PASSED, Handover.HANDED_OVER, null);
        ReceivedRecord everything = received("PSE000007");
        node.answer(everything, sbdh("0088:7300010000001", "ALWAYS_SEND"), PASSED, Handover.HANDED_OVER, null);
        ReceivedRecord anMls = new ReceivedRecord(UUID.randomUUID(), null, "m@x", "sbdh-mls", "sender", "receiver",
                "busdox-docid-qns::" + MlsCodes.DOCUMENT_TYPE, "cenbii-procid-ubl::" + MlsCodes.PROCESS, "PSE000001",
                null, ReceivedStatus.RECEIVED_FROM_NETWORK, null, null, null, null, null, null, null, null, null,
                null, OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC));
        node.answer(anMls, sbdh(null, "ALWAYS_SEND"), FAILED, Handover.FAILED, "never");

        List<OutgoingMls.Answer> answers = answers(node);
        assertThat(answers).extracting(OutgoingMls.Answer::receivedId)
                .containsExactlyInAnyOrder(failuresOnly.id(), everything.id());
        OutgoingMls.Answer suppressed = answers.stream().filter(a -> a.receivedId().equals(failuresOnly.id()))
                .findFirst().orElseThrow();
        assertThat(suppressed.responseCode()).isEqualTo("AB");
        assertThat(suppressed.status()).isEqualTo("SUPPRESSED");
        OutgoingMls.Answer queued = answers.stream().filter(a -> a.receivedId().equals(everything.id())).findFirst()
                .orElseThrow();
        assertThat(queued.status()).isEqualTo("PENDING");
        assertThat(queued.mlsTo()).as("MLS_TO is no service provider ID: the sending access point's own")
                .isEqualTo("0242:000007");
    }

    @OnH2AndPostgresql
    void aReceivedMlsMovesOurInvoiceOnceAndAnInvoiceWithoutOneIsFlaggedAndMissesTheServiceLevel(String database) {
        database(database);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID late = deliveredInvoice("sbdh-late", now.minusMinutes(40));
        UUID answered = deliveredInvoice("sbdh-answered", now.minusMinutes(10));
        UUID recent = deliveredInvoice("sbdh-recent", now.minusMinutes(5));
        MlsProperties settings = settings(EPeppolMLSType.ALWAYS_SEND);
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        ReportingItems reporting = new ReportingItems(jdbc, "PSE000001", reportingSettings());
        IncomingMls incoming = new IncomingMls(jdbc, transactions, new InvoiceStore(jdbc), reporting, new SafeXml());

        byte[] rejection = MlsXml.write("mls-1", "0242:000002", "0242:000001", "sbdh-answered",
                MlsDecision.decide(INVOICE_TYPE, FAILED, Handover.PENDING, null, null).orElseThrow().status(),
                now.minusMinutes(20));
        ReceivedDocument mls = new ReceivedDocument("mls-message@b", "sbdh-of-the-mls",
                "iso6523-actorid-upis::0242:000001", "iso6523-actorid-upis::0242:000001",
                "busdox-docid-qns::" + MlsCodes.DOCUMENT_TYPE, "cenbii-procid-ubl::" + MlsCodes.PROCESS, "PSE000002",
                rejection, null);
        incoming.receive(mls);
        incoming.receive(mls);

        assertThat(status(answered)).isEqualTo("REJECTED_BY_RECEIVER");
        assertThat(jdbc.sql("SELECT reason FROM invoice_event WHERE invoice_id = ? ORDER BY seq DESC FETCH FIRST 1"
                        + " ROWS ONLY").param(answered).query(String.class).single())
                .contains("access point PSE000002", "(RE)", "breaks a business rule - [BR-CO-15]");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mls_received").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reporting_item WHERE direction = 'RECEIVED'").query(Long.class)
                .single()).as("counted for Peppol Reporting, once").isEqualTo(1);

        ClusterJobs jobsA = new ClusterJobs(jdbc, transactions, "node-a", Duration.ofSeconds(15));
        HikariDataSource poolB = pool();
        ClusterJobs jobsB = new ClusterJobs(JdbcClient.create(poolB),
                new TransactionTemplate(new DataSourceTransactionManager(poolB)), "node-b", Duration.ofSeconds(15));
        MlsOverdue onA = new MlsOverdue(jdbc, jobsA, settings, 60_000, clock);
        MlsOverdue onB = new MlsOverdue(jdbc, jobsB, settings, 60_000, clock);
        onA.run();
        onB.run(); // the job is node-a's this period
        assertThat(onA.list(10)).extracting(MlsOverdue.Flagged::invoiceId).containsExactly(late);
        assertThat(onA.flag()).as("flagged once").isZero();
        assertThat(onA.forInvoice(late)).hasValueSatisfying(flag -> assertThat(flag.overdueSince()).isNotNull());
        assertThat(onA.forInvoice(answered)).hasValueSatisfying(view -> {
            assertThat(view.responseCode()).isEqualTo("RE");
            assertThat(view.overdueSince()).isNull();
        });
        assertThat(onA.forInvoice(recent)).isEmpty();

        ServiceLevels.Report levels = new ServiceLevels(jdbc, settings, clock).between(now.minusDays(1),
                now.plusDays(1));
        assertThat(levels.mlsReceived().documents()).isEqualTo(2);
        assertThat(levels.mlsReceived().withinTarget()).isEqualTo(1);
        assertThat(levels.mlsReceived().percentWithinTarget()).isEqualTo(50.0);
        assertThat(levels.mlsReceived().meetsTarget()).isFalse();
        assertThat(levels.mlsReceived().missed()).extracting(ServiceLevels.Missed::id).containsExactly(late);
    }

    private OutgoingMls outgoing(JdbcClient client, TransactionTemplate tx, EPeppolMLSType type) {
        KeyStore trust = SampleKeys.load(SampleKeys.file("truststore.p12"));
        URI closed = URI.create("http://127.0.0.1:" + GatewayProcess.freePort());
        RecipientLookup nobodyAnswers = new RecipientLookup(new SmpLocator.Fixed(() -> closed), trust, Duration.ZERO,
                Duration.ofSeconds(2));
        As4Sender sender = new As4Sender(KEYS, KEYS.accessPointCaChecker(), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        return new OutgoingMls(new OutgoingMls.Collaborators(client, tx, RULES, nobodyAnswers, sender,
                new ReportingItems(client, "PSE000002", reportingSettings())), settings(type), KEYS);
    }

    private static MlsProperties settings(EPeppolMLSType type) {
        return new MlsProperties(true, type, Duration.ofMinutes(20), Duration.ofMinutes(25), 99.5,
                Duration.ofMinutes(25), Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofMinutes(2));
    }

    private static ReportingProperties reportingSettings() {
        return new ReportingProperties(true, "9925:be0848934496", "SE", Duration.ofMinutes(10), Duration.ofHours(6),
                Duration.ofMinutes(5));
    }

    private List<OutgoingMls.Answer> answers(OutgoingMls node) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return node.answers(now.minusDays(1), now.plusDays(1), 100);
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(4);
        pools.add(pool);
        return pool;
    }

    private static ReceivedRecord received(String sendingAccessPoint) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new ReceivedRecord(UUID.randomUUID(), null, UUID.randomUUID() + "@a", UUID.randomUUID().toString(),
                "iso6523-actorid-upis::0007:5567321707", "iso6523-actorid-upis::0007:5564982212", INVOICE_TYPE,
                "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", sendingAccessPoint, null,
                ReceivedStatus.RECEIVED_FROM_NETWORK, null, null, null, null, null, null, null, null, null, null,
                now.minusMinutes(1), now);
    }

    /** A received SBDH around an invoice, with MLS_TO (left out when null) and MLS_TYPE in its business scope. */
    private static byte[] sbdh(String mlsTo, String mlsType) {
        String scope = (mlsTo == null ? "" : "<Scope><Type>MLS_TO</Type><InstanceIdentifier>" + mlsTo
                + "</InstanceIdentifier><Identifier>iso6523-actorid-upis</Identifier></Scope>")
                + "<Scope><Type>MLS_TYPE</Type><InstanceIdentifier>" + mlsType + "</InstanceIdentifier></Scope>";
        String document = TestInvoices.inSbdh(TestInvoices.invoice("MLS-1", "0007:5567321707", "0007:5564982212"),
                "0007:5567321707", "0007:5564982212")
                .replace("</DocumentIdentification>", "</DocumentIdentification><BusinessScope>" + scope
                        + "</BusinessScope>");
        return document.getBytes(StandardCharsets.UTF_8);
    }

    private UUID deliveredInvoice(String sbdhInstanceId, OffsetDateTime deliveredAt) {
        UUID company = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO company (id, slug, name, org_number, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(company, "c-" + company.toString().substring(0, 8), "MLS Test AB", "5567321707", deliveredAt)
                .update();
        jdbc.sql("INSERT INTO invoice (id, company_id, channel, status, document_sha256, document_size, received_at,"
                        + " updated_at) VALUES (?, ?, 'API', 'DELIVERED', ?, 100, ?, ?)")
                .params(id, company, id.toString().replace("-", ""), deliveredAt, deliveredAt)
                .update();
        jdbc.sql("INSERT INTO delivery (invoice_id, sbdh_instance_id, as4_message_id, done, due_at, in_flight,"
                        + " attempts, delivered_at) VALUES (?, ?, ?, TRUE, ?, FALSE, 1, ?)")
                .params(id, sbdhInstanceId, id + "@a", deliveredAt, deliveredAt)
                .update();
        return id;
    }

    private String status(UUID invoice) {
        return jdbc.sql("SELECT status FROM invoice WHERE id = ?").param(invoice).query(String.class).single();
    }
}
