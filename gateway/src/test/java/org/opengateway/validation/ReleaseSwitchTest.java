package org.opengateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.sf.saxon.s9api.Processor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.SafeXml;
import org.opengateway.testing.TestInvoices;
import org.opengateway.validation.rules.CompiledRules;
import org.opengateway.validation.rules.RuleCatalogue;

/**
 * A new release sits beside the old one and takes over on its date by itself. The second release here is made up:
 * the real 2026.5 rules plus one rule of our own that rejects the buyer reference PO-4711.
 */
class ReleaseSwitchTest {

    private static CompiledRules rules;
    private static final Processor SAXON = new Processor(false);

    @BeforeAll
    static void compile() {
        rules = new CompiledRules(catalogue("test-rules/two-releases.json"), SAXON, ReleaseSwitchTest.class.getClassLoader());
    }

    @Test
    void theDayBeforeItsDateTheOldReleaseJudges() {
        ValidationReport report = validateOn("2027-02-23T23:59:59Z");
        assertThat(report.ruleset()).isEqualTo("peppol-billing-2026.5");
        assertThat(report.valid()).isTrue();
    }

    @Test
    void fromItsDateTheNewReleaseJudges() {
        ValidationReport report = validateOn("2027-02-24T00:00:00Z");
        assertThat(report.ruleset()).isEqualTo("peppol-billing-2027.2");
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("TEST-R001");
            assertThat(f.location()).isEqualTo("/Invoice[1]/cbc:BuyerReference[1]");
            assertThat(f.line()).isNotNull();
        });
    }

    @Test
    void aRuleFileThatIsNotTheCheckedOneStopsTheStart() {
        assertThatThrownBy(() -> new CompiledRules(catalogue("test-rules/wrong-checksum.json"), SAXON,
                ReleaseSwitchTest.class.getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("PEPPOL-EN16931-UBL.xslt")
                .hasMessageContaining("0000000000");
    }

    private static ValidationReport validateOn(String instant) {
        SafeXml xml = new SafeXml();
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        PeppolValidator validator = new PeppolValidator(new UblSchemaValidator(), rules, SAXON, xml, clock);
        byte[] invoice = TestInvoices.invoice("R-1", "0007:5567321707", "0007:5564982212")
                .getBytes(StandardCharsets.UTF_8);
        return new DocumentValidation(new DocumentReader(xml), validator).check(invoice, false).report();
    }

    private static RuleCatalogue catalogue(String resource) {
        InputStream in = ReleaseSwitchTest.class.getClassLoader().getResourceAsStream(resource);
        return RuleCatalogue.read(in);
    }
}
