package org.opengateway.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.SafeXml;
import org.opengateway.reporting.ReportingItems;
import org.opengateway.reporting.ReportingProperties;
import org.opengateway.testing.TestInvoices;
import org.opengateway.validation.ValidationReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Storing a received document on a real database (H2 in PostgreSQL mode, migrated by Flyway): what the business
 * document says of itself is in the lists from the moment it is stored, before it is validated and handed over.
 */
class ReceivedDocumentsIT {

    private static final String SUPPLIER = "0007:5567321707";
    private static final String CUSTOMER = "0007:5564982212";

    private HikariDataSource pool;
    private JdbcClient jdbc;
    private ReceivedDocuments documents;
    private final DocumentReader reader = new DocumentReader(new SafeXml());

    @BeforeEach
    void database() {
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:received-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        pool.setUsername("gateway");
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(pool);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        ReportingItems reporting = new ReportingItems(jdbc, "PSE000002", new ReportingProperties(true,
                "9925:be0848934496", "SE", Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(5)));
        documents = new ReceivedDocuments(jdbc, transactions, reporting);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void theListsShowTheNumberDateTotalAndSenderNameFromTheMomentItIsStored() {
        UUID company = company();
        byte[] content = TestInvoices.inSbdh(TestInvoices.invoice("RCV-7", SUPPLIER, CUSTOMER), SUPPLIER, CUSTOMER)
                .getBytes(StandardCharsets.UTF_8);
        InvoiceDocument business = reader.read(content, businessMessage(content));

        documents.store(received("m-1@a", content, business), company, () -> { });

        UUID id = documents.findIdByAs4MessageId("m-1@a").orElseThrow();
        ReceivedRecord stored = documents.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(ReceivedStatus.RECEIVED_FROM_NETWORK);
        assertThat(stored.invoiceNumber()).isEqualTo("RCV-7");
        assertThat(stored.documentKind()).isEqualTo("Invoice");
        assertThat(stored.issueDate()).isEqualTo(business.issueDate()).isNotNull();
        assertThat(stored.total()).isEqualByComparingTo(business.total());
        assertThat(stored.counterpartName()).isEqualTo(business.senderName()).isNotBlank();
        assertThat(stored.valid()).as("not validated yet").isNull();

        // validating reads the same bytes again: the lists' columns stay as they are, the verdict is added
        InvoiceDocument validated = reader.read(content);
        documents.recordValidation(id, validated, new ValidationReport("peppol-billing-test", List.of()));
        ReceivedRecord after = documents.find(id).orElseThrow();
        assertThat(after).usingRecursiveComparison().ignoringFields("ruleset", "valid").isEqualTo(stored);
        assertThat(after.valid()).isTrue();
        assertThat(after.ruleset()).isEqualTo("peppol-billing-test");
    }

    @Test
    void aDocumentThatIsNoInvoiceIsStoredWithEmptyListColumns() {
        UUID company = company();
        byte[] content = "<StandardBusinessDocument/>".getBytes(StandardCharsets.UTF_8);

        documents.store(received("m-2@a", content, null), company, () -> { });

        ReceivedRecord stored = documents.find(documents.findIdByAs4MessageId("m-2@a").orElseThrow()).orElseThrow();
        assertThat(stored.invoiceNumber()).isNull();
        assertThat(stored.documentKind()).isNull();
        assertThat(stored.counterpartName()).isNull();
    }

    /** The business document inside the envelope, as the SBDH reader gives it to the receiving side. */
    private Element businessMessage(byte[] content) {
        Element sbd = new SafeXml().parse(content).getDocumentElement();
        for (Node n = sbd.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no business document in the envelope");
    }

    private static ReceivedDocument received(String messageId, byte[] content, InvoiceDocument business) {
        return new ReceivedDocument(messageId, "sbdh-" + messageId, "iso6523-actorid-upis::" + SUPPLIER,
                "iso6523-actorid-upis::" + CUSTOMER, "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:"
                        + "Invoice-2::Invoice##" + TestInvoices.BILLING + "::2.1",
                "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", "PSE000001", content, business);
    }

    private UUID company() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO company (id, slug, name, org_number, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, "c-" + id.toString().substring(0, 8), "Receiving Test AB", "5564982212",
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return id;
    }
}
