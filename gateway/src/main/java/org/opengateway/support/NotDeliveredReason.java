package org.opengateway.support;

import static org.opengateway.support.Fix.CANCEL;
import static org.opengateway.support.Fix.CORRECT_RECIPIENT;
import static org.opengateway.support.Fix.RESEND;
import static org.opengateway.support.Fix.UPLOAD_CORRECTED;

import java.util.List;
import java.util.Locale;
import org.opengateway.transport.as4.SendOutcome.FailureKind;

/** Why an invoice was not delivered, in the terms the support page uses, and the fixes that make sense for each. */
public enum NotDeliveredReason {
    RECIPIENT_NOT_REGISTERED(CORRECT_RECIPIENT, RESEND, UPLOAD_CORRECTED, CANCEL),
    DOCUMENT_TYPE_NOT_ACCEPTED(CORRECT_RECIPIENT, RESEND, UPLOAD_CORRECTED, CANCEL),
    ACCESS_POINT_UNREACHABLE(RESEND, CANCEL),
    REJECTED_BY_RECEIVER(UPLOAD_CORRECTED, RESEND, CANCEL),
    REJECTED_BY_VALIDATION(UPLOAD_CORRECTED, CANCEL),
    /** The gateway could not build the AS4 message from the document. */
    NOT_SENT_BY_GATEWAY(RESEND, UPLOAD_CORRECTED, CANCEL),
    /** Given up before the reason of each attempt was recorded: every fix is offered. */
    UNKNOWN(CORRECT_RECIPIENT, RESEND, UPLOAD_CORRECTED, CANCEL);

    private final List<Fix> fixes;

    NotDeliveredReason(Fix... fixes) {
        this.fixes = List.of(fixes);
    }

    public List<Fix> fixes() {
        return fixes;
    }

    public String textKey() {
        return "reason." + name().toLowerCase(Locale.ROOT);
    }

    /** The reason for the failure of the last attempt. */
    public static NotDeliveredReason of(FailureKind kind) {
        if (kind == null) {
            return UNKNOWN;
        }
        return switch (kind) {
            case RECIPIENT_NOT_REGISTERED -> RECIPIENT_NOT_REGISTERED;
            case DOCUMENT_TYPE_NOT_ACCEPTED -> DOCUMENT_TYPE_NOT_ACCEPTED;
            // an access point we cannot trust is, to the sender, one we cannot reach
            case LOOKUP_FAILED, UNREACHABLE, RECEIVER_BUSY, CERTIFICATE_NOT_TRUSTED -> ACCESS_POINT_UNREACHABLE;
            case REJECTED_BY_RECEIVER -> REJECTED_BY_RECEIVER;
            case CANNOT_BUILD_MESSAGE -> NOT_SENT_BY_GATEWAY;
        };
    }
}
