package org.opengateway.transport.as4;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * One business document to send over Peppol AS4, with the identifiers that stay the same on every attempt.
 *
 * @param sender the sending participant, e.g. {@code 0007:5567321707}
 * @param receiver the receiving participant
 * @param documentTypeId the Peppol document type ID value (scheme {@code busdox-docid-qns})
 * @param processId the Peppol process ID value (scheme {@code cenbii-procid-ubl})
 * @param countryC1 the country of the sender (C1), for the SBDH
 * @param sbdhInstanceId the SBDH instance identifier, fixed per invoice
 * @param as4MessageId the AS4 message ID, fixed per invoice
 * @param payload the business document itself, as XML bytes (the SBDH is written around it)
 * @param endpoint the receiving access point's AS4 address, from its SMP
 * @param receiverCertificate the receiving access point's certificate, from its SMP
 */
public record OutboundMessage(String sender, String receiver, String documentTypeId, String processId,
        String countryC1, String sbdhInstanceId, String as4MessageId, byte[] payload, URI endpoint,
        X509Certificate receiverCertificate) {
}
