package org.opengateway.transport.as4;

import com.helger.httpclient.HttpClientSettings;
import com.helger.peppol.sbdh.EPeppolMLSType;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.IIdentifierFactory;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.model.error.EEbmsError;
import com.helger.phase4.peppol.Phase4PeppolSender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.util.Phase4Exception;
import com.helger.security.certificate.ECertificateCheckResult;
import com.helger.security.certificate.TrustedCAChecker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.util.Timeout;
import org.opengateway.mls.MlsCodes;
import org.opengateway.transport.as4.SendOutcome.Delivered;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.transport.as4.SendOutcome.FailureKind;

/**
 * Sends one document to a receiving access point with phase4's Peppol client: the SBDH written around the business
 * document ({@link SbdhEnvelope}), signed with our key, encrypted for the receiver's certificate (checked against the
 * access-point CAs we trust), and the signed receipt verified. Makes one HTTP attempt (made again only when a connection kept open turned out closed,
 * see {@link PooledHttpPoster}): retries are the caller's, kept in the database.
 */
public class As4Sender implements AutoCloseable {

    private static final IIdentifierFactory IDENTIFIERS = PeppolIdentifierFactory.INSTANCE;
    /** ebMS errors that say "not now" rather than "not this message". */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(EEbmsError.EBMS_CONNECTION_FAILURE.getErrorCode(),
            EEbmsError.EBMS_DYSFUNCTIONAL_RELIABILITY.getErrorCode(), EEbmsError.EBMS_DELIVERY_FAILURE.getErrorCode());

    private final IAS4CryptoFactory crypto;
    private final TrustedCAChecker accessPointCas;
    private final String seatId;
    private final PooledHttpPoster http;
    private final ServiceFileCache services = new ServiceFileCache(As4Sender.class.getClassLoader());
    /** Where the receiving access points send their MLS: our service provider ID; null when we ask for none. */
    private final IParticipantIdentifier mlsTo;
    private final EPeppolMLSType mlsType;

    public As4Sender(As4Keys keys, TrustedCAChecker accessPointCas, Duration connectTimeout, Duration responseTimeout) {
        this(keys, accessPointCas, connectTimeout, responseTimeout, null);
    }

    /** @param mlsType the MLS_TYPE to ask for in every SBDH (with MLS_TO our service provider ID); null: ask none */
    public As4Sender(As4Keys keys, TrustedCAChecker accessPointCas, Duration connectTimeout, Duration responseTimeout,
            EPeppolMLSType mlsType) {
        this.mlsType = mlsType;
        this.mlsTo = mlsType == null || !ServiceProviderId.isSeatId(keys.seatId()) ? null
                : IDENTIFIERS.createParticipantIdentifierWithDefaultScheme(ServiceProviderId.of(keys.seatId()));
        this.crypto = keys.cryptoFactory();
        this.accessPointCas = accessPointCas;
        this.seatId = keys.seatId();
        this.http = new PooledHttpPoster(new HttpClientSettings()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(responseTimeout)));
    }

    @Override
    public void close() {
        http.close();
    }

    public SendOutcome send(OutboundMessage message) {
        return services.run(() -> sendWithPhase4(message));
    }

    private SendOutcome sendWithPhase4(OutboundMessage message) {
        AtomicReference<ECertificateCheckResult> certificateCheck = new AtomicReference<>();
        AtomicReference<Ebms3SignalMessage> signal = new AtomicReference<>();
        AtomicReference<byte[]> response = new AtomicReference<>();
        AtomicReference<Phase4Exception> problem = new AtomicReference<>();
        EAS4UserMessageSendResult result;
        try {
            byte[] sbdh = SbdhEnvelope.wrap(message, asksForMls(message) ? mlsTo.getValue() : null,
                    asksForMls(message) ? mlsType : null, OffsetDateTime.now(ZoneOffset.UTC));
            result = Phase4PeppolSender.sbdhBuilder()
                    .customHttpPoster(http)
                    .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                    .cryptoFactory(crypto)
                    .peppolAP_CAChecker(accessPointCas)
                    .documentTypeID(IDENTIFIERS.createDocumentTypeIdentifierWithDefaultScheme(message.documentTypeId()))
                    .processID(IDENTIFIERS.createProcessIdentifierWithDefaultScheme(message.processId()))
                    .senderParticipantID(IDENTIFIERS.createParticipantIdentifierWithDefaultScheme(message.sender()))
                    .receiverParticipantID(IDENTIFIERS.createParticipantIdentifierWithDefaultScheme(message.receiver()))
                    .senderPartyID(seatId)
                    .countryC1(message.countryC1())
                    .messageID(message.as4MessageId())
                    .payload(sbdh)
                    .receiverEndpointDetails(message.receiverCertificate(), message.endpoint().toString())
                    .certificateConsumer((certificate, at, check) -> certificateCheck.set(check))
                    .signalMsgConsumer((signalMessage, metadata, state) -> signal.set(signalMessage))
                    .rawResponseConsumer(sent -> response.set(sent.getResponseContent()))
                    .sendMessageAndCheckForReceipt(problem::set);
        } catch (RuntimeException e) {
            return new Failed(FailureKind.CANNOT_BUILD_MESSAGE, null, "The AS4 message could not be built: " + e);
        }
        ECertificateCheckResult check = certificateCheck.get();
        if (check != null && check.isInvalid()) {
            return new Failed(FailureKind.CERTIFICATE_NOT_TRUSTED, null, "The certificate the recipient's SMP gives for"
                    + " its access point (" + message.receiverCertificate().getSubjectX500Principal().getName()
                    + ") is not trusted: " + check.getReason() + ". Nothing was sent.");
        }
        return switch (result) {
            case SUCCESS -> new Delivered(signal.get().getMessageInfo().getMessageId(), response.get(), false);
            case AS4_ERROR_MESSAGE_RECEIVED -> fromErrors(signal.get(), response.get());
            case TRANSPORT_ERROR, TRANSPORT_ERROR_NO_RETRY, NO_SIGNAL_MESSAGE_RECEIVED -> new Failed(FailureKind.UNREACHABLE,
                    null, "The receiving access point at " + message.endpoint() + " could not be reached or gave no"
                            + " answer" + cause(problem.get()) + ".");
            case INVALID_SIGNAL_MESSAGE_RECEIVED -> new Failed(FailureKind.UNREACHABLE, null, "The receiving access"
                    + " point at " + message.endpoint() + " answered, but its receipt could not be verified"
                    + cause(problem.get()) + ".");
            case INVALID_PARAMETERS -> new Failed(FailureKind.CANNOT_BUILD_MESSAGE, null,
                    "The AS4 message could not be built" + cause(problem.get()) + ".");
        };
    }

    /** An MLS itself asks for no MLS: it is never answered. */
    private boolean asksForMls(OutboundMessage message) {
        return mlsTo != null && !MlsCodes.isMls(message.documentTypeId());
    }

    /** What an AS4 error answer means for the invoice: a duplicate counts as delivered; some errors say "not now". */
    static SendOutcome fromErrors(Ebms3SignalMessage signal, byte[] response) {
        List<Ebms3Error> errors = signal == null ? List.of() : signal.getError();
        for (Ebms3Error error : errors) {
            if (saysDuplicate(error)) {
                // the receiver has it from an earlier attempt whose receipt we never got
                return new Delivered(signal.getMessageInfo().getMessageId(), response, true);
            }
        }
        Ebms3Error first = errors.isEmpty() ? null : errors.get(0);
        String code = first == null ? null : first.getErrorCode();
        String detail = first == null ? "no details" : describe(first);
        boolean busy = code != null && TRANSIENT_ERRORS.contains(code);
        return new Failed(busy ? FailureKind.RECEIVER_BUSY : FailureKind.REJECTED_BY_RECEIVER, code,
                "The receiving access point answered with the AS4 error " + code + ": " + detail);
    }

    private static boolean saysDuplicate(Ebms3Error error) {
        return describe(error).toLowerCase(Locale.ROOT).contains("duplicate");
    }

    private static String describe(Ebms3Error error) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {error.getShortDescription(), error.getDescriptionValue(), error.getErrorDetail()}) {
            if (part != null && !part.isBlank() && text.indexOf(part) < 0) {
                text.append(text.isEmpty() ? "" : " - ").append(part.trim());
            }
        }
        return text.toString();
    }

    private static String cause(Exception e) {
        if (e == null) {
            return "";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return " (" + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()) + ")";
    }
}
