package org.opengateway.transport.as4;

import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.peppol.sbdh.PeppolSBDHData;
import com.helger.peppol.sbdh.PeppolSBDHDataReadException;
import com.helger.peppol.sbdh.PeppolSBDHDataReader;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.IIdentifierFactory;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.peppolid.peppol.PeppolIdentifierHelper;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.ebms3header.Ebms3PartyId;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.error.EEbmsError;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.profile.peppol.PeppolPMode;
import com.helger.sbdh.SBDMarshaller;
import com.helger.security.certificate.ECertificateCheckResult;
import com.helger.security.certificate.TrustedCAChecker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.wss4j.dom.str.STRParser;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.opengateway.document.XmlRefusal;
import org.opengateway.mls.IncomingMls;
import org.opengateway.receiving.ReceivedDocument;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.receiving.ReceiverCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Our receiving side of a Peppol AS4 exchange, called by phase4 once the message has been decrypted and its
 * signature verified: applies the Peppol rules for what arrives (the checks of the Peppol AS4 profile and the
 * envelope specification), then stores the document. The receipt goes back only when this returns success, so a
 * receipt means the document is in our database.
 */
public class PeppolInboundProcessor implements IAS4IncomingMessageProcessorSPI {

    private static final Logger log = LoggerFactory.getLogger(PeppolInboundProcessor.class);
    private static final IIdentifierFactory IDENTIFIERS = PeppolIdentifierFactory.INSTANCE;
    private static final Pattern SEAT_ID = Pattern.compile(PeppolIdentifierHelper.REGEX_SEAT_ID);

    /** The error detail Peppol's AS4 profile prescribes for a receiver (or document type) this AP does not serve. */
    static final String NOT_SERVICED = "PEPPOL:NOT_SERVICED";

    private final TrustedCAChecker accessPointCas;
    private final ReceiverCheck receivers;
    private final ReceivedDocuments documents;
    private final IncomingMls mls;
    private final SeenAs4MessageIds seenMessageIds;
    private final DocumentReader reader;

    public PeppolInboundProcessor(TrustedCAChecker accessPointCas, ReceiverCheck receivers,
            ReceivedDocuments documents, IncomingMls mls, SeenAs4MessageIds seenMessageIds, DocumentReader reader) {
        this.accessPointCas = accessPointCas;
        this.receivers = receivers;
        this.documents = documents;
        this.mls = mls;
        this.seenMessageIds = seenMessageIds;
        this.reader = reader;
    }

    /**
     * A message we refuse: the ebMS error to answer with, the reason in plain words, and the error detail when Peppol
     * prescribes a code for it (then the reason goes in the description).
     */
    private static final class Refused extends Exception {
        private final EEbmsError error;
        private final String code;

        Refused(EEbmsError error, String reason) {
            this(error, null, reason);
        }

        Refused(EEbmsError error, String code, String reason) {
            super(reason, null, false, false);
            this.error = error;
            this.code = code;
        }
    }

    @Override
    public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata,
            HttpHeaderMap httpHeaders, Ebms3UserMessage userMessage, IPMode pmode, Node soapBodyPayload,
            ICommonsList<WSS4JAttachment> attachments, IAS4IncomingMessageState state, AS4ErrorList errors) {
        String messageId = userMessage.getMessageInfo().getMessageId();
        try {
            ReceivedDocument document = check(userMessage, attachments, state);
            ReceiverCheck.Verdict receiver = receivers.check(document.receiver(), document.documentType(),
                    document.process());
            if (!receiver.served()) {
                throw new Refused(EEbmsError.EBMS_OTHER, NOT_SERVICED, receiver.refusal());
            }
            // a message we have already (sent again) is answered with a receipt as well, and not stored twice
            if (IncomingMls.isMls(document)) {
                receiveMls(document);
            } else {
                // the message ID seen goes in the transaction that stores the document
                documents.store(document, receiver.company().id(), seenMessageIds::writeNoted);
            }
            return AS4MessageProcessorResult.createSuccess();
        } catch (Refused refused) {
            log.warn("Refused AS4 message {}: {}", messageId, refused.getMessage());
            var error = refused.error.errorBuilder(state.getLocale()).refToMessageInError(messageId);
            if (refused.code != null) {
                error.description(refused.getMessage(), state.getLocale()).errorDetail(refused.code);
            } else {
                error.errorDetail(refused.getMessage());
            }
            errors.add(error.build());
            return AS4MessageProcessorResult.createFailure();
        } catch (RuntimeException e) {
            // for example the database is down: no receipt, so the sender tries again later. DeliveryFailure, not
            // Other, so that a sender (ours does) can tell "not now" from "not this message"
            log.error("Could not store AS4 message {}", messageId, e);
            errors.add(EEbmsError.EBMS_DELIVERY_FAILURE.errorBuilder(state.getLocale())
                    .refToMessageInError(messageId)
                    .errorDetail("The receiving access point could not store the message; please send it again later.")
                    .build());
            return AS4MessageProcessorResult.createFailure();
        } finally {
            // not stored now (had it, refused, an MLS): the message ID seen is written before the answer goes back
            try {
                seenMessageIds.writeNoted();
            } catch (RuntimeException e) {
                log.warn("Could not note AS4 message ID {} as seen: {}", messageId, e.getMessage());
            }
        }
    }

    /** An MLS about a document we sent goes to its own handler, not to a company; one we cannot read is refused. */
    private void receiveMls(ReceivedDocument document) throws Refused {
        try {
            mls.receive(document);
        } catch (IllegalArgumentException unreadable) {
            throw new Refused(EEbmsError.EBMS_OTHER, "The Message Level Status cannot be read: "
                    + unreadable.getMessage());
        }
    }

    private ReceivedDocument check(Ebms3UserMessage message, List<WSS4JAttachment> attachments,
            IAS4IncomingMessageState state) throws Refused {
        if (!state.isSoapDecrypted()) {
            throw new Refused(EEbmsError.EBMS_FAILED_DECRYPTION, "The message was not encrypted.");
        }
        if (!state.isSoapSignatureChecked()) {
            throw new Refused(EEbmsError.EBMS_FAILED_AUTHENTICATION, "The message was not signed.");
        }
        if (state.getSigningCertificateReferenceType() != STRParser.REFERENCE_TYPE.DIRECT_REF
                || state.getDecryptingCertificateReferenceType() != STRParser.REFERENCE_TYPE.DIRECT_REF) {
            throw new Refused(EEbmsError.EBMS_POLICY_NONCOMPLIANCE,
                    "Peppol requires the certificates as BinarySecurityToken (direct reference).");
        }
        X509Certificate signer = state.getSigningCertificate();
        ECertificateCheckResult trusted = accessPointCas.checkCertificate(signer, OffsetDateTime.now());
        if (trusted.isInvalid()) {
            throw new Refused(EEbmsError.EBMS_FAILED_AUTHENTICATION,
                    "The signing certificate is not a valid access-point certificate of this network: "
                            + trusted.getReason());
        }

        checkParty("From", message.getPartyInfo().getFrom().getPartyId());
        checkParty("To", message.getPartyInfo().getTo().getPartyId());

        if (attachments == null || attachments.size() != 1) {
            throw new Refused(EEbmsError.EBMS_OTHER, "A Peppol message carries exactly one payload, this one has "
                    + (attachments == null ? 0 : attachments.size()) + ".");
        }
        byte[] content = read(attachments.get(0));
        PeppolSBDHData sbdh;
        try {
            sbdh = new PeppolSBDHDataReader(IDENTIFIERS) {
                        @Override
                        protected SBDMarshaller createSBDMarshaller() {
                            // checked against the SBDH schema, whatever the JVM's default (see Phase4Runtime)
                            SBDMarshaller marshaller = super.createSBDMarshaller();
                            marshaller.setUseSchema(true);
                            return marshaller;
                        }

                        @Override
                        protected boolean isValidMLSTo(String scheme, String value) {
                            // no reason to refuse the document: its MLS then goes to the sending access point's own ID
                            return true;
                        }
                    }
                    .setPerformValueChecks(true)
                    .setCheckForCountryC1(true)
                    .extractData(new ByteArrayInputStream(content));
        } catch (PeppolSBDHDataReadException e) {
            throw new Refused(EEbmsError.EBMS_OTHER, "The payload is not a valid Peppol business document envelope"
                    + " (SBDH): " + e.getMessage());
        }

        IParticipantIdentifier originalSender = participantProperty(message, CAS4.ORIGINAL_SENDER);
        if (!originalSender.hasSameContent(sbdh.getSenderAsIdentifier())) {
            throw new Refused(EEbmsError.EBMS_OTHER, "The AS4 originalSender " + originalSender.getURIEncoded()
                    + " is not the SBDH sender " + sbdh.getSenderURIEncoded() + ".");
        }
        IParticipantIdentifier finalRecipient = participantProperty(message, CAS4.FINAL_RECIPIENT);
        if (!finalRecipient.hasSameContent(sbdh.getReceiverAsIdentifier())) {
            throw new Refused(EEbmsError.EBMS_OTHER, "The AS4 finalRecipient " + finalRecipient.getURIEncoded()
                    + " is not the SBDH receiver " + sbdh.getReceiverURIEncoded() + ".");
        }

        return new ReceivedDocument(message.getMessageInfo().getMessageId(), sbdh.getInstanceIdentifier(),
                sbdh.getSenderURIEncoded(), sbdh.getReceiverURIEncoded(), sbdh.getDocumentTypeURIEncoded(),
                sbdh.getProcessURIEncoded(), As4Keys.commonName(signer), content, business(content, sbdh));
    }

    /**
     * The business document's own number, dates and parties, from the envelope already read: stored with it, so that
     * lists show them at once and the later validation does not move the document in the lists' indexes.
     */
    private InvoiceDocument business(byte[] content, PeppolSBDHData sbdh) {
        Element business = sbdh.getBusinessMessageNoClone(); // read only, so not copied
        if (business == null) {
            return null;
        }
        try {
            return reader.read(content, business);
        } catch (XmlRefusal notAnInvoice) {
            return null; // a Message Level Status or a report: validated, or not, where it is handed over
        }
    }

    /** Peppol names both access points by one party ID each: a seat ID of the access-point type. */
    private static void checkParty(String side, List<Ebms3PartyId> parties) throws Refused {
        if (parties.size() != 1) {
            throw new Refused(EEbmsError.EBMS_OTHER, "PartyInfo/" + side + " must name exactly one party, not "
                    + parties.size() + ".");
        }
        Ebms3PartyId party = parties.get(0);
        if (!PeppolPMode.DEFAULT_PARTY_TYPE_ID.equals(party.getType())
                || party.getValue() == null || !SEAT_ID.matcher(party.getValue()).matches()) {
            throw new Refused(EEbmsError.EBMS_OTHER, "PartyInfo/" + side + " must be a Peppol seat ID of type "
                    + PeppolPMode.DEFAULT_PARTY_TYPE_ID + ", not '" + party.getValue() + "' of type '"
                    + party.getType() + "'.");
        }
    }

    private static IParticipantIdentifier participantProperty(Ebms3UserMessage message, String name)
            throws Refused {
        List<Ebms3Property> properties = message.getMessageProperties() == null ? List.of()
                : message.getMessageProperties().getProperty();
        for (Ebms3Property property : properties) {
            if (name.equals(property.getName())) {
                IParticipantIdentifier id = property.getType() == null ? null
                        : IDENTIFIERS.createParticipantIdentifier(property.getType(), property.getValue());
                if (id == null) {
                    throw new Refused(EEbmsError.EBMS_OTHER, "The AS4 message property " + name
                            + " is not a Peppol participant ID: " + property.getType() + "::" + property.getValue());
                }
                return id;
            }
        }
        throw new Refused(EEbmsError.EBMS_OTHER, "The AS4 message property " + name + " is missing.");
    }

    private static byte[] read(WSS4JAttachment attachment) throws Refused {
        // decompresses when the sender compressed the payload
        try (InputStream in = attachment.getSourceStream()) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new Refused(EEbmsError.EBMS_DECOMPRESSION_FAILURE, "Cannot read the payload: " + e.getMessage());
        }
    }

    @Override
    public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata,
            HttpHeaderMap httpHeaders, Ebms3SignalMessage signalMessage, IPMode pmode,
            IAS4IncomingMessageState state, AS4ErrorList errors) {
        // Peppol has no pull and no asynchronous receipts: a signal message is never expected here
        errors.add(EEbmsError.EBMS_FEATURE_NOT_SUPPORTED.errorBuilder(state.getLocale())
                .errorDetail("This access point accepts user messages only.")
                .build());
        return AS4SignalMessageProcessorResult.createFailure();
    }

    @Override
    public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state,
            String responseMessageId, byte[] responseBytes, boolean responsePayloadIsAvailable,
            AS4ErrorList errors) {
        // nothing to do once the receipt (or error) has been made
    }
}
