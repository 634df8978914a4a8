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
        assertThat(InvoiceStatus.REJECTED.next()).containsExactlyInAnyOrder(InvoiceStatus.CANCELLED,
                InvoiceStatus.REPLACED);
        assertThat(InvoiceStatus.RECEIVED.isFinal()).isFalse();
    }

    @Test
    void anAcceptedInvoiceIsSentAndEndsDeliveredOrUndelivered() {
        assertThat(InvoiceStatus.ACCEPTED.next()).containsExactlyInAnyOrder(InvoiceStatus.SENDING,
                InvoiceStatus.CANCELLED, InvoiceStatus.REPLACED);
        assertThat(InvoiceStatus.SENDING.next()).contains(InvoiceStatus.DELIVERED, InvoiceStatus.RETRY_SCHEDULED,
                InvoiceStatus.UNDELIVERED);
        assertThat(InvoiceStatus.RETRY_SCHEDULED.canMoveTo(InvoiceStatus.SENDING)).isTrue();
        assertThat(InvoiceStatus.RETRY_SCHEDULED.canMoveTo(InvoiceStatus.DELIVERED)).isFalse();
        assertThat(InvoiceStatus.DELIVERED.isFinal()).isTrue();
        assertThat(InvoiceStatus.DELIVERED.next()).containsExactlyInAnyOrder(InvoiceStatus.ACCEPTED_BY_RECEIVER,
                InvoiceStatus.REJECTED_BY_RECEIVER);
        assertThat(InvoiceStatus.ACCEPTED_BY_RECEIVER.next()).isEmpty();
        assertThat(InvoiceStatus.REJECTED_BY_RECEIVER.next()).as("only a corrected document or a cancel follows")
                .containsExactlyInAnyOrder(InvoiceStatus.CANCELLED, InvoiceStatus.REPLACED);
    }

    @Test
    void anUndeliveredInvoiceWaitsForSupportButMayBeResent() {
        assertThat(InvoiceStatus.UNDELIVERED.isFinal()).isTrue();
        assertThat(InvoiceStatus.UNDELIVERED.next()).containsExactlyInAnyOrder(InvoiceStatus.SENDING,
                InvoiceStatus.RETRY_SCHEDULED, InvoiceStatus.CANCELLED, InvoiceStatus.REPLACED);
    }

    @Test
    void cancelledAndReplacedInvoicesAreFinalAndNeverSent() {
        for (InvoiceStatus done : new InvoiceStatus[] {InvoiceStatus.CANCELLED, InvoiceStatus.REPLACED}) {
            assertThat(done.isFinal()).isTrue();
            assertThat(done.next()).isEmpty();
        }
        assertThat(InvoiceStatus.SENDING.canMoveTo(InvoiceStatus.CANCELLED))
                .as("an attempt under way is never cancelled under its feet").isFalse();
    }
}
