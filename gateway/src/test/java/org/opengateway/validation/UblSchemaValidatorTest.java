package org.opengateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.SafeXml;
import org.opengateway.testing.TestInvoices;

class UblSchemaValidatorTest {

    private final DocumentReader reader = new DocumentReader(new SafeXml());
    private final UblSchemaValidator validator = new UblSchemaValidator();

    @Test
    void aValidInvoiceAndCreditNotePass() {
        assertThat(validator.validate(read(TestInvoices.invoice("A-1", "0007:5567321707", "0007:5564982212")))
                .findings()).isEmpty();
        assertThat(validator.validate(read(TestInvoices.creditNote("C-1", "0007:5567321707", "0007:5564982212")))
                .findings()).isEmpty();
    }

    @Test
    void anUnknownElementIsAFatalFindingWithItsLocation() {
        ValidationReport report = validator.validate(
                read(TestInvoices.schemaInvalid("B-1", "0007:5567321707", "0007:5564982212")));
        assertThat(report.valid()).isFalse();
        Finding finding = report.findings().get(0);
        assertThat(finding.rule()).isEqualTo("XSD");
        assertThat(finding.severity()).isEqualTo(Severity.FATAL);
        assertThat(finding.message()).contains("cbc:ColourOfPaper").doesNotContain("cvc-").doesNotContain("{\"urn");
        assertThat(finding.location()).isEqualTo("/Invoice/cbc:ColourOfPaper[1]");
    }

    @Test
    void aWrongValueNamesTheElement() {
        String badDate = TestInvoices.invoice("D-1", "0007:5567321707", "0007:5564982212")
                .replace("<cbc:IssueDate>2026-11-20</cbc:IssueDate>", "<cbc:IssueDate>20 November</cbc:IssueDate>");
        ValidationReport report = validator.validate(read(badDate));
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.location()).isEqualTo("/Invoice/cbc:IssueDate[1]"));
    }

    private InvoiceDocument read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }
}
