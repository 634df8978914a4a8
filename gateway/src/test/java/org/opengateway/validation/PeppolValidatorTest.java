package org.opengateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.Engines;
import org.opengateway.testing.TestInvoices;
import org.opengateway.testing.TestInvoices.Vat;

/** The full rules on invoices written for these tests, one family of rules at a time. */
class PeppolValidatorTest {

    private static final String SUPPLIER = "0007:5567321707";
    private static final String CUSTOMER = "0007:5564982212";

    private final DocumentValidation engine = Engines.today();

    @Test
    void aValidInvoiceCreditNoteAndSelfBilledInvoicePass() {
        ValidationReport invoice = check(TestInvoices.invoice("V-1", SUPPLIER, CUSTOMER));
        assertThat(invoice.findings()).isEmpty();
        assertThat(invoice.ruleset()).isEqualTo("peppol-billing-2026.5");
        assertThat(check(TestInvoices.creditNote("V-2", SUPPLIER, CUSTOMER)).findings()).isEmpty();
        ValidationReport selfBilled = check(TestInvoices.selfBilled("V-3", SUPPLIER, CUSTOMER));
        assertThat(selfBilled.findings()).isEmpty();
        assertThat(selfBilled.ruleset()).isEqualTo("peppol-selfbilling-2026.5");
    }

    @Test
    void theBusinessRulesDoNotRunOnADocumentThatFailsTheSchemaUnlessAsked() {
        String invalid = TestInvoices.schemaInvalid("X-1", SUPPLIER, CUSTOMER).replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", "");
        assertThat(rules(engine.check(bytes(invalid), false).report())).containsExactly("XSD");
        assertThat(rules(engine.check(bytes(invalid), true).report())).contains("XSD", "PEPPOL-EN16931-R003");
    }

    @Test
    void calculationRules() {
        String wrongTotal = TestInvoices.invoice("C-1", SUPPLIER, CUSTOMER)
                .replace("<cbc:TaxInclusiveAmount currencyID=\"SEK\">1250.00</cbc:TaxInclusiveAmount>",
                        "<cbc:TaxInclusiveAmount currencyID=\"SEK\">1200.00</cbc:TaxInclusiveAmount>");
        assertThat(fatalRules(check(wrongTotal))).contains("BR-CO-15");

        String wrongLineSum = TestInvoices.invoice("C-2", SUPPLIER, CUSTOMER)
                .replace("<cbc:LineExtensionAmount currencyID=\"SEK\">1000.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusive",
                        "<cbc:LineExtensionAmount currencyID=\"SEK\">900.00</cbc:LineExtensionAmount>\n    <cbc:TaxExclusive");
        assertThat(fatalRules(check(wrongLineSum))).contains("BR-CO-10");
    }

    @Test
    void vatCategoryRules() {
        assertThat(check(TestInvoices.invoiceWithVat("E-1", SUPPLIER, CUSTOMER, new Vat("E", "0", "Exempt from VAT")))
                .findings()).isEmpty();
        assertThat(fatalRules(check(TestInvoices.invoiceWithVat("E-2", SUPPLIER, CUSTOMER, new Vat("E", "0", null)))))
                .contains("BR-E-10");
        assertThat(check(TestInvoices.invoiceWithVat("Z-1", SUPPLIER, CUSTOMER, new Vat("Z", "0", null))).findings())
                .isEmpty();
        assertThat(fatalRules(check(TestInvoices.invoiceWithVat("Z-2", SUPPLIER, CUSTOMER, new Vat("Z", "25", null)))))
                .contains("BR-Z-05");
        assertThat(fatalRules(check(TestInvoices.invoiceWithVat("S-1", SUPPLIER, CUSTOMER, new Vat("S", "0", null)))))
                .contains("BR-S-05");
    }

    @Test
    void codeListRules() {
        String badCurrency = TestInvoices.invoice("L-1", SUPPLIER, CUSTOMER)
                .replace("<cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>",
                        "<cbc:DocumentCurrencyCode>SEKX</cbc:DocumentCurrencyCode>");
        assertThat(fatalRules(check(badCurrency))).contains("BR-CL-04");
    }

    @Test
    void peppolRules() {
        String noBuyerReference = TestInvoices.invoice("P-1", SUPPLIER, CUSTOMER)
                .replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", "");
        ValidationReport report = check(noBuyerReference);
        assertThat(fatalRules(report)).containsExactly("PEPPOL-EN16931-R003");
        Finding finding = report.findings().get(0);
        assertThat(finding.message()).contains("buyer reference");
        assertThat(finding.location()).startsWith("/Invoice");

        String badOrgNumber = TestInvoices.invoice("P-2", SUPPLIER, "0007:5564982215");
        assertThat(fatalRules(check(badOrgNumber))).contains("PEPPOL-COMMON-R049");
    }

    @Test
    void selfBillingRules() {
        String selfBilled = TestInvoices.selfBilled("SB-9", SUPPLIER, CUSTOMER);
        String asPlainInvoiceType = selfBilled.replace("<cbc:InvoiceTypeCode>389</cbc:InvoiceTypeCode>",
                "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>");
        ValidationReport report = check(asPlainInvoiceType);
        assertThat(report.valid()).as(report.toString()).isFalse();
        assertThat(report.ruleset()).isEqualTo("peppol-selfbilling-2026.5");
        assertThat(fatalRules(report)).containsExactly("PEPPOL-EN16931-P0100");
        // the same document as an ordinary invoice is fine: the rule belongs to the self-billing rules
        assertThat(check(asPlainInvoiceType.replace(TestInvoices.SELF_BILLING, TestInvoices.BILLING)
                .replace("poacc:selfbilling:01:1.0", "poacc:billing:01:1.0")).valid()).isTrue();
    }

    @Test
    void aWarningIsKeptButDoesNotReject() {
        String withVersion = TestInvoices.invoice("W-1", SUPPLIER, CUSTOMER)
                .replace("<cbc:CustomizationID>", "<cbc:UBLVersionID>2.0</cbc:UBLVersionID>\n  <cbc:CustomizationID>");
        ValidationReport report = check(withVersion);
        assertThat(report.valid()).isTrue();
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.rule()).isEqualTo("UBL-CR-002");
        });
    }

    @Test
    void anUnknownCustomizationIdIsRejectedByName() {
        String other = TestInvoices.invoice("U-1", SUPPLIER, CUSTOMER).replace(TestInvoices.BILLING, "urn:example:not-peppol");
        ValidationReport report = check(other);
        assertThat(report.ruleset()).isNull();
        assertThat(fatalRules(report)).containsExactly("CUSTOMIZATION");
        assertThat(report.findings().get(0).message()).contains("'urn:example:not-peppol'");
    }

    @Test
    void aFindingCarriesTheLineOfTheElementInTheOriginal() {
        String doc = TestInvoices.invoice("N-1", SUPPLIER, CUSTOMER)
                .replace("<cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>",
                        "<cbc:DocumentCurrencyCode>SEKX</cbc:DocumentCurrencyCode>");
        int expectedLine = lineOf(doc, "<cbc:DocumentCurrencyCode>");
        Finding finding = check(doc).findings().stream().filter(f -> f.rule().equals("BR-CL-04")).findFirst().orElseThrow();
        assertThat(finding.line()).isEqualTo(expectedLine);
        assertThat(finding.location()).isEqualTo("/Invoice[1]/cbc:DocumentCurrencyCode[1]");
    }

    @Test
    void aWrappedInvoiceIsJudgedByItsContent() {
        String wrapped = TestInvoices.inSbdh(TestInvoices.invoice("W-9", SUPPLIER, CUSTOMER)
                .replace("<cbc:BuyerReference>PO-4711</cbc:BuyerReference>", ""), SUPPLIER, CUSTOMER);
        assertThat(fatalRules(check(wrapped))).containsExactly("PEPPOL-EN16931-R003");
    }

    private static int lineOf(String doc, String text) {
        String[] lines = doc.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found");
    }

    private ValidationReport check(String xml) {
        return engine.check(bytes(xml), false).report();
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> rules(ValidationReport report) {
        return report.findings().stream().map(Finding::rule).distinct().toList();
    }

    private static List<String> fatalRules(ValidationReport report) {
        return report.findings().stream().filter(f -> f.severity() == Severity.FATAL).map(Finding::rule).distinct().toList();
    }
}
