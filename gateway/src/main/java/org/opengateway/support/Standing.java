package org.opengateway.support;

import java.util.List;
import org.opengateway.delivery.Deliveries.SendingState;
import org.opengateway.tracking.InvoiceStatus;

/**
 * Where an invoice stands for support: why it was not delivered (null when that is not the question) and the fixes
 * allowed now. The one place that decides which action an invoice allows: the diagnosis shows these fixes, and each
 * action is refused unless it is one of them.
 */
public record Standing(InvoiceStatus status, NotDeliveredReason reason, List<Fix> fixes) {

    /** {@code sending} is null for an invoice that was never to be sent (a rejected one). */
    public static Standing of(InvoiceStatus status, SendingState sending) {
        boolean inFlight = sending != null && sending.inFlight();
        NotDeliveredReason lastFailure = sending == null ? null : NotDeliveredReason.of(sending.lastFailure());
        return switch (status) {
            case REJECTED -> of(status, NotDeliveredReason.REJECTED_BY_VALIDATION);
            case UNDELIVERED -> of(status, lastFailure);
            // still trying by itself: send now, or stop
            case RETRY_SCHEDULED -> new Standing(status, lastFailure == NotDeliveredReason.UNKNOWN
                    ? NotDeliveredReason.ACCESS_POINT_UNREACHABLE : lastFailure,
                    inFlight ? List.of() : List.of(Fix.RESEND, Fix.CANCEL));
            case ACCEPTED -> new Standing(status, null, inFlight ? List.of() : List.of(Fix.CANCEL));
            // delivered, then refused by the receiving access point's MLS: sending it again as it is would not help
            case REJECTED_BY_RECEIVER -> new Standing(status, NotDeliveredReason.REJECTED_BY_RECEIVER,
                    List.of(Fix.UPLOAD_CORRECTED, Fix.CANCEL));
            default -> new Standing(status, null, List.of());
        };
    }

    private static Standing of(InvoiceStatus status, NotDeliveredReason reason) {
        return new Standing(status, reason, reason.fixes());
    }

    public boolean allows(Fix fix) {
        return fixes.contains(fix);
    }
}
