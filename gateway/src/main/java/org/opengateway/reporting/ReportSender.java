package org.opengateway.reporting;

import org.opengateway.directory.LookupResult;
import org.opengateway.directory.RecipientLookup;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4Sender;
import org.opengateway.transport.as4.OutboundMessage;
import org.opengateway.transport.as4.SendOutcome;
import org.opengateway.transport.as4.ServiceProviderId;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.transport.as4.SendOutcome.FailureKind;

/**
 * Sends a report the way invoices go: the reporting participant looked up in its SMP, then the same AS4 sender (SBDH,
 * signature, encryption, receipt). The sender of a report is the service provider itself: the participant
 * {@code 0242:<the six digits of our seat ID>} (scheme 0242, "OpenPeppol Service Provider Identification Scheme"),
 * and its C1 country is the country of our seat ID.
 */
public class ReportSender {

    private final RecipientLookup recipients;
    private final As4Sender sender;
    private final String seatId;
    private final String receiver;

    public ReportSender(RecipientLookup recipients, As4Sender sender, As4Keys keys, String receiver) {
        this.recipients = recipients;
        this.sender = sender;
        this.seatId = keys.seatId();
        this.receiver = receiver;
    }

    /** Our participant ID as the sender of reports: 0242 and the digits of the seat ID (PSE000002 gives 000002). */
    static String senderParticipant(String seatId) {
        return ServiceProviderId.of(seatId);
    }

    /** What came of an attempt, and the seat ID of the access point it went to (null when none was found). */
    public record Attempt(SendOutcome outcome, String receivingAccessPoint) {
    }

    public Attempt send(PeppolReports.SendClaim claim) {
        String documentType = claim.kind().documentTypeId();
        LookupResult lookup = recipients.find(receiver, documentType, ReportKind.PROCESS);
        if (!(lookup instanceof LookupResult.Found found)) {
            String reason = lookup instanceof LookupResult.NotRegistered notRegistered ? notRegistered.reason()
                    : lookup instanceof LookupResult.DocumentTypeNotAccepted notAccepted ? notAccepted.reason()
                    : ((LookupResult.LookupFailed) lookup).reason();
            return new Attempt(new Failed(FailureKind.LOOKUP_FAILED, null, "The reporting participant " + receiver
                    + " could not be found for the " + claim.kind() + ": " + reason), null);
        }
        SendOutcome outcome = sender.send(new OutboundMessage(senderParticipant(seatId), receiver, documentType,
                ReportKind.PROCESS, seatId.substring(1, 3), claim.sbdhInstanceId(), claim.as4MessageId(),
                claim.content(), found.endpoint(), found.certificate()));
        return new Attempt(outcome, As4Keys.commonName(found.certificate()));
    }

    public String receiver() {
        return receiver;
    }
}
