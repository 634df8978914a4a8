package org.opengateway.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import net.sf.saxon.s9api.Processor;
import org.junit.jupiter.api.Test;
import org.opengateway.document.DocumentKind;
import org.opengateway.reporting.ReportingItem.Direction;
import org.opengateway.testing.TestInvoices;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;

/** The reports as built, judged by the official Peppol rules read from the phive-rules-peppol artefact. */
class StatisticsReportsTest {

    private static final ReportValidator RULES = new ReportValidator(new Processor(false));
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final String BILLING = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    private static final String INVOICE = DocumentKind.INVOICE.peppolDocumentTypeId(
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
    private static final String CREDIT_NOTE = DocumentKind.CREDIT_NOTE.peppolDocumentTypeId(
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");

    private static final List<ReportingItem> TRAFFIC = List.of(
            item(Direction.SENT, "PDE000001", INVOICE, "SE", null, "0007:5567321707"),
            item(Direction.SENT, "PDE000001", INVOICE, "SE", null, "0007:5567321707"),
            item(Direction.SENT, "PNO000009", CREDIT_NOTE, "SE", null, "0007:5564982212"),
            item(Direction.RECEIVED, "PDE000001", INVOICE, "DE", "SE", "0007:5567321707"),
            item(Direction.RECEIVED, "PDE000001", INVOICE, "DE", "NO", "0192:987654321"));

    @Test
    void aMonthWithTrafficGivesValidReportsWithTheRightCounts() {
        byte[] tsr = StatisticsReports.build(ReportKind.TSR, OCTOBER, "PSE000002", TRAFFIC);
        assertThat(fatal(ReportKind.TSR, tsr)).isEmpty();
        String text = new String(tsr, StandardCharsets.UTF_8);
        assertThat(text).contains("<Total><Incoming>2</Incoming><Outgoing>3</Outgoing></Total>")
                .contains("<StartDate>2026-10-01</StartDate><EndDate>2026-10-31</EndDate>")
                .contains("<ReporterID schemeID=\"CertSubjectCN\">PSE000002</ReporterID>")
                .contains("<Key metaSchemeID=\"TP\" schemeID=\"Peppol\">peppol-transport-as4-v2_0</Key>"
                        + "<Incoming>2</Incoming><Outgoing>3</Outgoing>")
                .contains("<Key metaSchemeID=\"CC\" schemeID=\"ReceiverCountry\">NO</Key>"
                        + "<Incoming>1</Incoming><Outgoing>0</Outgoing>");

        byte[] eusr = StatisticsReports.build(ReportKind.EUSR, OCTOBER, "PSE000002", TRAFFIC);
        assertThat(fatal(ReportKind.EUSR, eusr)).isEmpty();
        assertThat(new String(eusr, StandardCharsets.UTF_8))
                // 0007:5567321707 both sent and received: counted once in "either"
                .contains("<FullSet><SendingEndUsers>2</SendingEndUsers><ReceivingEndUsers>2</ReceivingEndUsers>"
                        + "<SendingOrReceivingEndUsers>3</SendingOrReceivingEndUsers></FullSet>")
                .contains("<Subset type=\"PerEUC\"><Key metaSchemeID=\"CC\" schemeID=\"EndUserCountry\">NO</Key>"
                        + "<SendingEndUsers>0</SendingEndUsers><ReceivingEndUsers>1</ReceivingEndUsers>");
    }

    @Test
    void aMonthWithoutTrafficGivesValidReportsOfZeros() {
        byte[] tsr = StatisticsReports.build(ReportKind.TSR, OCTOBER, "PSE000002", List.of());
        byte[] eusr = StatisticsReports.build(ReportKind.EUSR, OCTOBER, "PSE000002", List.of());
        assertThat(fatal(ReportKind.TSR, tsr)).isEmpty();
        assertThat(fatal(ReportKind.EUSR, eusr)).isEmpty();
        assertThat(new String(tsr, StandardCharsets.UTF_8)).contains("<Incoming>0</Incoming><Outgoing>0</Outgoing>")
                .doesNotContain("Subtotal");
    }

    @Test
    void aWrongReportFailsTheOfficialRules() {
        String tsr = new String(StatisticsReports.build(ReportKind.TSR, OCTOBER, "PSE000002", TRAFFIC),
                StandardCharsets.UTF_8);
        // a total that does not match its subtotals
        byte[] wrongTotal = tsr.replace("<Total><Incoming>2</Incoming>", "<Total><Incoming>7</Incoming>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(fatal(ReportKind.TSR, wrongTotal)).extracting(Finding::rule).contains("SCH-TSR-04");
        // a reporter that is not a seat ID, and a missing element the schema requires
        byte[] badReporter = tsr.replace(">PSE000002<", ">ACME<").getBytes(StandardCharsets.UTF_8);
        assertThat(fatal(ReportKind.TSR, badReporter)).extracting(Finding::rule).contains("SCH-TSR-18");
        String eusr = new String(StatisticsReports.build(ReportKind.EUSR, OCTOBER, "PSE000002", TRAFFIC),
                StandardCharsets.UTF_8);
        byte[] noFullSet = eusr.replaceAll("<FullSet>.*?</FullSet>", "").getBytes(StandardCharsets.UTF_8);
        assertThat(fatal(ReportKind.EUSR, noFullSet)).extracting(Finding::rule).contains("XSD");
    }

    @Test
    void theCountriesComeFromTheSbdhAndTheParties() {
        byte[] invoice = TestInvoices.invoiceBytes("C-1", "0007:5567321707", "0007:5564982212");
        PartyCountries parties = PartyCountries.read(invoice);
        assertThat(parties.countryOf("0007:5567321707")).isEqualTo("SE");
        assertThat(parties.countryOf("iso6523-actorid-upis::0007:5564982212")).isEqualTo("SE");
        assertThat(parties.countryOf("0007:1111111111")).isNull();
        assertThat(ReportingItems.country("no", "SE")).isEqualTo("NO");
        assertThat(ReportingItems.country(null, "SE")).isEqualTo("SE");
    }

    private static List<Finding> fatal(ReportKind kind, byte[] report) {
        return RULES.check(kind, report).stream().filter(f -> f.severity() == Severity.FATAL).toList();
    }

    private static ReportingItem item(Direction direction, String otherSeat, String documentType, String c1, String c4,
            String endUser) {
        return new ReportingItem(direction, OffsetDateTime.of(2026, 10, 5, 12, 0, 0, 0, ZoneOffset.UTC), "PSE000002",
                otherSeat, documentType, BILLING, ReportingItems.TRANSPORT_PROFILE, c1, c4, endUser);
    }
}
