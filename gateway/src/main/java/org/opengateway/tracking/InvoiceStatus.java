package org.opengateway.tracking;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an invoice and the moves allowed between them: a new state is one line here.
 */
public enum InvoiceStatus {
    /** The original is stored; the verdict is not given yet. */
    RECEIVED(false),
    /** Passed validation; waits for sending. */
    ACCEPTED(false),
    /** Refused by intake or validation; the reason is in its history. */
    REJECTED(true),
    /** An attempt to deliver it to the receiving access point is under way. */
    SENDING(false),
    /** The last attempt failed for a reason that may pass; the next attempt is scheduled. */
    RETRY_SCHEDULED(false),
    /** The receiving access point gave a signed receipt for it. */
    DELIVERED(true),
    /** Could not be delivered, and no more attempts are made by themselves; support may resend it. */
    UNDELIVERED(true),
    /** A corrected document was accepted in its place as a new invoice; this one is never sent. */
    REPLACED(true),
    /** Cancelled by the company or support; never sent. */
    CANCELLED(true),
    /** The receiving access point's Message Level Status (MLS) says it accepted or handed on the invoice. */
    ACCEPTED_BY_RECEIVER(true),
    /** The receiving access point's Message Level Status (MLS) rejects the invoice; the reasons are in its history. */
    REJECTED_BY_RECEIVER(true);

    private final boolean fin;

    InvoiceStatus(boolean fin) {
        this.fin = fin;
    }

    /** No automatic step follows a final state. */
    public boolean isFinal() {
        return fin;
    }

    public Set<InvoiceStatus> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(ACCEPTED, REJECTED);
            // CANCELLED, REPLACED: by a support action while no attempt is under way
            case ACCEPTED -> EnumSet.of(SENDING, CANCELLED, REPLACED);
            // RETRY_SCHEDULED again: "send now" moves the next attempt forward
            case RETRY_SCHEDULED -> EnumSet.of(SENDING, RETRY_SCHEDULED, CANCELLED, REPLACED);
            // SENDING again: an attempt cut short (the node died) is taken up by a new attempt
            case SENDING -> EnumSet.of(SENDING, DELIVERED, RETRY_SCHEDULED, UNDELIVERED);
            // a resend: the next attempt is scheduled at once
            case UNDELIVERED -> EnumSet.of(SENDING, RETRY_SCHEDULED, CANCELLED, REPLACED);
            case REJECTED -> EnumSet.of(CANCELLED, REPLACED);
            // the receiving access point's MLS, which comes after its receipt
            case DELIVERED -> EnumSet.of(ACCEPTED_BY_RECEIVER, REJECTED_BY_RECEIVER);
            // refused by the receiver's MLS: a corrected document may take its place
            case REJECTED_BY_RECEIVER -> EnumSet.of(CANCELLED, REPLACED);
            case REPLACED, CANCELLED, ACCEPTED_BY_RECEIVER -> EnumSet.noneOf(InvoiceStatus.class);
        };
    }

    public boolean canMoveTo(InvoiceStatus target) {
        return next().contains(target);
    }
}
