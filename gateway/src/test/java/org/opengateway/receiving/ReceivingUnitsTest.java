package org.opengateway.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.SafeXml;
import org.opengateway.testing.TestInvoices;

/** The small parts of receiving that need no gateway: file names, state moves, unwrapping, waits between attempts. */
class ReceivingUnitsTest {

    private static final UUID ID = UUID.fromString("3f2a0c55-8d4e-4f43-a1b2-0c1d2e3f4a5b");

    @Test
    void fileNamesKeepOnlySafeCharactersOfTheInvoiceNumber() {
        assertThat(CompanyOutbox.fileName("INV-1", ID)).isEqualTo("INV-1_" + ID + ".xml");
        assertThat(CompanyOutbox.fileName("2026/11 Å:*?", ID)).isEqualTo("2026_11_" + "_" + ID + ".xml");
        assertThat(CompanyOutbox.fileName("../../etc/passwd", ID)).doesNotContain("/").doesNotStartWith(".");
        assertThat(CompanyOutbox.fileName(null, ID)).isEqualTo("unknown_" + ID + ".xml");
        assertThat(CompanyOutbox.fileName("x".repeat(300), ID)).hasSize(100 + 1 + 36 + 4);
    }

    @Test
    void statesMoveForwardOnly() {
        assertThat(ReceivedStatus.RECEIVED_FROM_NETWORK.canMoveTo(ReceivedStatus.AVAILABLE_TO_CUSTOMER)).isTrue();
        assertThat(ReceivedStatus.RECEIVED_FROM_NETWORK.canMoveTo(ReceivedStatus.DELIVERED_TO_CUSTOMER)).isTrue();
        assertThat(ReceivedStatus.AVAILABLE_TO_CUSTOMER.canMoveTo(ReceivedStatus.DELIVERED_TO_CUSTOMER)).isTrue();
        assertThat(ReceivedStatus.DELIVERED_TO_CUSTOMER.next()).isEmpty();
        assertThat(ReceivedStatus.AVAILABLE_TO_CUSTOMER.canMoveTo(ReceivedStatus.RECEIVED_FROM_NETWORK)).isFalse();
    }

    @Test
    void theBareInvoiceLeavesTheEnvelopeAndItsNamespacesBehind() {
        String invoice = TestInvoices.invoice("BARE-1", "0007:5567321707", "0007:5564982212");
        String wrapped = TestInvoices.inSbdh(invoice, "0007:5567321707", "0007:5564982212")
                .replace("<StandardBusinessDocument xmlns=", "<StandardBusinessDocument xmlns:unused=\"urn:x\" xmlns=");
        DocumentReader reader = new DocumentReader(new SafeXml());
        InvoiceDocument document = reader.read(wrapped.getBytes(StandardCharsets.UTF_8));

        String bare = new String(BareUbl.of(document.ublRoot()), StandardCharsets.UTF_8);

        assertThat(bare).startsWith("<?xml").contains("<cbc:ID>BARE-1</cbc:ID>")
                .doesNotContain("StandardBusinessDocument", "urn:x");
        InvoiceDocument reread = reader.read(bare.getBytes(StandardCharsets.UTF_8));
        assertThat(reread.wrapped()).isFalse();
        assertThat(reread.invoiceNumber()).isEqualTo("BARE-1");
        assertThat(reread.total()).isEqualByComparingTo("1250.00");
    }

    @Test
    void failedDeliveriesWaitLongerEachTimeUpToAnHour() {
        assertThat(ReceivedDelivery.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReceivedDelivery.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(ReceivedDelivery.backoff(50)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void participantFiltersMatchHowTheyAreStored() {
        assertThat(ReceivedDocuments.stored("0007:5567321707")).isEqualTo("iso6523-actorid-upis::0007:5567321707");
        assertThat(ReceivedDocuments.stored("iso6523-actorid-upis::0007:ABC")).isEqualTo(
                "iso6523-actorid-upis::0007:abc");
    }
}
