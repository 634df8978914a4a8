package org.opengateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.TestInvoices;

class DocumentReaderTest {

    private final DocumentReader reader = new DocumentReader(new SafeXml());

    @Test
    void readsTheTrackedFieldsOfAnInvoice() {
        InvoiceDocument doc = read(TestInvoices.invoice("INV-7", "0007:5567321707", "0088:7300010000001"));
        assertThat(doc.kind()).isEqualTo(DocumentKind.INVOICE);
        assertThat(doc.invoiceNumber()).isEqualTo("INV-7");
        assertThat(doc.issueDate()).hasToString("2026-11-20");
        assertThat(doc.currency()).isEqualTo("SEK");
        assertThat(doc.total()).isEqualByComparingTo("1250");
        assertThat(doc.sender()).isEqualTo(ParticipantId.parse("0007:5567321707"));
        assertThat(doc.receiver()).isEqualTo(ParticipantId.parse("0088:7300010000001"));
        assertThat(doc.selfBilling()).isFalse();
    }

    @Test
    void aSelfBillingInvoiceIsSentByTheCustomer() {
        InvoiceDocument doc = read(TestInvoices.selfBilled("SB-1", "0007:5567321707", "0007:5564982212"));
        assertThat(doc.selfBilling()).isTrue();
        assertThat(doc.sender()).isEqualTo(ParticipantId.parse("0007:5564982212"));
        assertThat(doc.receiver()).isEqualTo(ParticipantId.parse("0007:5567321707"));
    }

    @Test
    void theSbdhDecidesSenderAndReceiverWhenPresent() {
        String wrapped = TestInvoices.inSbdh(TestInvoices.creditNote("CN-1", "0007:5567321707", "0007:5564982212"),
                "iso6523-actorid-upis::0007:5567321707", "0192:987654321");
        InvoiceDocument doc = read(wrapped);
        assertThat(doc.kind()).isEqualTo(DocumentKind.CREDIT_NOTE);
        assertThat(doc.invoiceNumber()).isEqualTo("CN-1");
        assertThat(doc.receiver()).isEqualTo(ParticipantId.parse("0192:987654321"));
        assertThat(doc.ublRoot().getLocalName()).isEqualTo("CreditNote");
    }

    @Test
    void refusesADocumentThatIsNoInvoiceNamingWhatItIs() {
        assertThatThrownBy(() -> read("<Catalogue xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2\"/>"))
                .isInstanceOf(XmlRefusal.class)
                .hasMessageContaining("'Catalogue'")
                .hasMessageContaining("not a UBL 2.1 Invoice or CreditNote")
                .extracting(e -> ((XmlRefusal) e).rule()).isEqualTo("DOCUMENT_TYPE");
    }

    @Test
    void refusesAnSbdhWithoutPayload() {
        String empty = """
                <StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">
                  <StandardBusinessDocumentHeader>
                    <Sender><Identifier>0007:5567321707</Identifier></Sender>
                    <Receiver><Identifier>0007:5564982212</Identifier></Receiver>
                  </StandardBusinessDocumentHeader>
                </StandardBusinessDocument>""";
        assertThatThrownBy(() -> read(empty)).hasMessageContaining("no business document");
    }

    private InvoiceDocument read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }
}
