package org.opengateway.receiving;

import org.opengateway.document.InvoiceDocument;

/**
 * A business document that arrived over AS4, as checked by the Peppol rules and before it is stored.
 *
 * @param as4MessageId the AS4 message ID (eb:MessageId) that the sending access point chose
 * @param sbdhInstanceId the SBDH instance identifier
 * @param sender the sender participant, URI encoded ("iso6523-actorid-upis::0007:5567321707")
 * @param receiver the receiver participant, URI encoded
 * @param documentType the document type ID, URI encoded
 * @param process the process ID, URI encoded
 * @param sendingAccessPoint the seat ID of the access point that signed the message (its certificate's CN)
 * @param content the SBDH-wrapped document, as received (decompressed)
 * @param business what the business document in the envelope says of itself (number, dates, parties), read but not
 *     validated; null when it is no UBL invoice or credit note (a Message Level Status, a Peppol report)
 */
public record ReceivedDocument(String as4MessageId, String sbdhInstanceId, String sender, String receiver,
        String documentType, String process, String sendingAccessPoint, byte[] content, InvoiceDocument business) {
}
