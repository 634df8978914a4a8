package org.opengateway.transport.as4;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.peppol.sbdh.EPeppolMLSType;
import com.helger.peppol.sbdh.PeppolSBDHData;
import com.helger.peppol.sbdh.PeppolSBDHDataReader;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.sbdh.SBDMarshaller;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opengateway.testing.TestInvoices;
import org.w3c.dom.Element;

class SbdhEnvelopeTest {

    private static final String INVOICE_TYPE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    private static final String BILLING = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 27, 18, 30, 5, 123_456_789, ZoneOffset.UTC);

    @Test
    void theEnvelopePassesTheSchemaAndPeppolsChecksWithEveryValueInPlace() throws Exception {
        byte[] invoice = TestInvoices.invoiceBytes("ENV-1", "0007:5567321707", "0007:5564982212");

        byte[] sbdh = SbdhEnvelope.wrap(message(invoice), "0242:000002", EPeppolMLSType.ALWAYS_SEND, NOW);

        PeppolSBDHData read = strictReader().extractData(new ByteArrayInputStream(sbdh));
        assertThat(read.getSenderURIEncoded()).isEqualTo("iso6523-actorid-upis::0007:5567321707");
        assertThat(read.getReceiverURIEncoded()).isEqualTo("iso6523-actorid-upis::0007:5564982212");
        assertThat(read.getDocumentTypeURIEncoded()).isEqualTo("busdox-docid-qns::" + INVOICE_TYPE);
        assertThat(read.getProcessURIEncoded()).isEqualTo("cenbii-procid-ubl::" + BILLING);
        assertThat(read.getCountryC1()).isEqualTo("SE");
        assertThat(read.getInstanceIdentifier()).isEqualTo("sbdh-1");
        assertThat(read.getStandard()).isEqualTo("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
        assertThat(read.getType()).isEqualTo("Invoice");
        assertThat(read.getTypeVersion()).isEqualTo("2.1");
        assertThat(read.getCreationDateAndTime().toInstant()).isEqualTo(NOW.toInstant().truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(read.getMLSToValue()).isEqualTo("0242:000002");
        assertThat(read.getMLSType()).isEqualTo(EPeppolMLSType.ALWAYS_SEND);
        Element business = read.getBusinessMessage();
        assertThat(business.getLocalName()).isEqualTo("Invoice");
        assertThat(business.getElementsByTagNameNS("*", "ID").item(0).getTextContent()).isEqualTo("ENV-1");
    }

    @Test
    void withoutMlsTheEnvelopeAsksForNone() throws Exception {
        byte[] sbdh = SbdhEnvelope.wrap(message(TestInvoices.invoiceBytes("ENV-2", "0007:5567321707",
                "0007:5564982212")), null, null, NOW);

        PeppolSBDHData read = strictReader().extractData(new ByteArrayInputStream(sbdh));
        assertThat(read.getMLSToValue()).isNull();
        assertThat(read.getMLSType()).isNull();
        assertThat(new String(sbdh, StandardCharsets.UTF_8)).doesNotContain("MLS_");
    }

    @Test
    void aDocumentInAnotherEncodingIsCarriedOverAsUtf8WithoutItsDeclaration() throws Exception {
        String invoice = new String(TestInvoices.invoiceBytes("ENV-Å", "0007:5567321707", "0007:5564982212"),
                StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
        byte[] latin1 = ("<?xml version='1.0' encoding='ISO-8859-1'?>" + invoice).getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + invoice).getBytes(StandardCharsets.UTF_16LE);
        byte[] utf8WithBom = ("\uFEFF<?xml version=\"1.0\"?>" + invoice).getBytes(StandardCharsets.UTF_8);

        for (byte[] document : new byte[][] {latin1, utf16, utf8WithBom}) {
            assertThat(new String(SbdhEnvelope.utf8WithoutDeclaration(document), StandardCharsets.UTF_8))
                    .isEqualTo(invoice);
            PeppolSBDHData read = strictReader().extractData(new ByteArrayInputStream(
                    SbdhEnvelope.wrap(message(document), null, null, NOW)));
            assertThat(read.getBusinessMessage().getElementsByTagNameNS("*", "ID").item(0).getTextContent())
                    .isEqualTo("ENV-Å");
        }
    }

    /** As the receiving side reads it: against the SBDH schema, with Peppol's value checks. */
    private static PeppolSBDHDataReader strictReader() {
        return new PeppolSBDHDataReader(PeppolIdentifierFactory.INSTANCE) {
            @Override
            protected SBDMarshaller createSBDMarshaller() {
                SBDMarshaller marshaller = super.createSBDMarshaller();
                marshaller.setUseSchema(true);
                return marshaller;
            }
        }.setPerformValueChecks(true).setCheckForCountryC1(true);
    }

    private static OutboundMessage message(byte[] invoice) {
        return new OutboundMessage("0007:5567321707", "0007:5564982212", INVOICE_TYPE, BILLING, "SE", "sbdh-1",
                "as4-1@test", invoice, URI.create("http://127.0.0.1:1/as4"), null);
    }
}
