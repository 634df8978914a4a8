package org.opengateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoiceStatusTest {

    @Test
    void aReceivedInvoiceIsEitherAcceptedOrRejected() {
        assertThat(InvoiceStatus.RECEIVED.next()).containsExactlyInAnyOrder(InvoiceStatus.ACCEPTED, InvoiceStatus.REJECTED);
        assertThat(InvoiceStatus.RECEIVED.canMoveTo(InvoiceStatus.ACCEPTED)).isTrue();
        assertThat(InvoiceStatus.ACCEPTED.canMoveTo(InvoiceStatus.RECEIVED)).isFalse();
    }

    @Test
    void aRejectedInvoiceIsFinal() {
        assertThat(InvoiceStatus.REJECTED.isFinal()).isTrue();
        assertThat(InvoiceStatus.REJECTED.next()).isEmpty();
        assertThat(InvoiceStatus.RECEIVED.isFinal()).isFalse();
    }
}
