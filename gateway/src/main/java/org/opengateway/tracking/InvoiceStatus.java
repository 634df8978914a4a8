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
    REJECTED(true);

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
            case ACCEPTED, REJECTED -> EnumSet.noneOf(InvoiceStatus.class);
        };
    }

    public boolean canMoveTo(InvoiceStatus target) {
        return next().contains(target);
    }
}
