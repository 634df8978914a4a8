package org.opengateway.directory;

import com.helger.peppol.smp.ESMPTransportProfile;
import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.IProcessIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.peppolid.peppol.PeppolIdentifierHelper;
import com.helger.smpclient.exception.SMPClientBadResponseException;
import com.helger.smpclient.exception.SMPClientException;
import com.helger.smpclient.exception.SMPClientNotFoundException;
import com.helger.smpclient.exception.SMPClientParticipantNotFoundException;
import com.helger.smpclient.peppol.SMPClientReadOnly;
import com.helger.smpclient.url.SMPDNSResolutionException;
import com.helger.xsds.peppol.smp1.EndpointType;
import com.helger.xsds.peppol.smp1.ProcessType;
import com.helger.xsds.peppol.smp1.ServiceInformationType;
import com.helger.xsds.peppol.smp1.SignedServiceMetadataType;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.util.Timeout;
import org.opengateway.document.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where to send a document to a recipient: asks the recipient's SMP (found through the SML, or a fixed one) for
 * the signed service metadata of the document type, checks its signature against the SMP trust store, and picks the
 * Peppol AS4 v2 endpoint of the process. Found endpoints are remembered for a short while; failures are not.
 */
public class RecipientLookup {

    private static final Logger log = LoggerFactory.getLogger(RecipientLookup.class);
    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final ESMPTransportProfile AS4 = ESMPTransportProfile.TRANSPORT_PROFILE_PEPPOL_AS4_V2;
    private static final int CACHE_LIMIT = 10_000;

    private record Question(String participant, String documentType, String process) {
    }

    private record Remembered(LookupResult.Found found, long until) {
    }

    private final SmpLocator locator;
    private final KeyStore trustStore;
    private final Duration cacheFor;
    private final Duration timeout;
    private final Map<Question, Remembered> cache = new ConcurrentHashMap<>();

    /**
     * @param locator which SMP to ask
     * @param trustStore the CAs that issue SMP certificates; every answer's signature must chain to one of them
     * @param cacheFor how long a found endpoint is remembered ({@link Duration#ZERO}: not at all)
     * @param timeout how long to wait for the SMP to connect, and then to answer
     */
    public RecipientLookup(SmpLocator locator, KeyStore trustStore, Duration cacheFor, Duration timeout) {
        this.locator = locator;
        this.trustStore = trustStore;
        this.cacheFor = cacheFor;
        this.timeout = timeout;
    }

    /**
     * Where to send a document.
     *
     * @param receiverParticipant e.g. {@code 0007:5567321707}, or with its scheme {@code iso6523-actorid-upis::0007:...}
     * @param documentTypeId the document type, with or without its scheme {@code busdox-docid-qns::}
     * @param processId the process, with or without its scheme {@code cenbii-procid-ubl::}
     */
    public LookupResult find(String receiverParticipant, String documentTypeId, String processId) {
        ParticipantId participant;
        try {
            participant = ParticipantId.parse(receiverParticipant);
        } catch (IllegalArgumentException e) {
            return new LookupResult.NotRegistered("The recipient '" + receiverParticipant
                    + "' is not a Peppol participant ID (it should look like 0007:5567321707).");
        }
        IParticipantIdentifier receiver = IDS.createParticipantIdentifier(
                PeppolIdentifierHelper.PARTICIPANT_SCHEME_ISO6523_ACTORID_UPIS, participant.toString());
        IDocumentTypeIdentifier documentType = documentType(documentTypeId);
        IProcessIdentifier process = process(processId);
        if (receiver == null) {
            return new LookupResult.NotRegistered("The recipient '" + receiverParticipant
                    + "' is not a valid Peppol participant ID.");
        }
        if (documentType == null || process == null) {
            return new LookupResult.DocumentTypeNotAccepted("'" + (documentType == null ? documentTypeId : processId)
                    + "' is not a valid Peppol " + (documentType == null ? "document type" : "process") + " ID.");
        }
        Question question = new Question(participant.toString(), documentType.getURIEncoded(), process.getURIEncoded());
        Remembered remembered = cache.get(question);
        if (remembered != null && remembered.until() - System.nanoTime() > 0) {
            return remembered.found();
        }
        LookupResult result = ask(participant, receiver, documentType, process);
        if (result instanceof LookupResult.Found found && !cacheFor.isZero()) {
            if (cache.size() >= CACHE_LIMIT) {
                long now = System.nanoTime();
                cache.values().removeIf(entry -> entry.until() - now <= 0);
            }
            cache.put(question, new Remembered(found, System.nanoTime() + cacheFor.toNanos()));
        } else {
            cache.remove(question);
        }
        return result;
    }

    private LookupResult ask(ParticipantId participant, IParticipantIdentifier receiver,
            IDocumentTypeIdentifier documentType, IProcessIdentifier process) {
        SMPClientReadOnly client;
        try {
            client = locator.clientFor(receiver);
        } catch (SMPDNSResolutionException e) {
            return new LookupResult.NotRegistered("The recipient " + participant + " is not registered in Peppol: no"
                    + " SMP knows it (" + locator.describe() + " has no DNS entry for it).");
        }
        prepare(client, trustStore, timeout);
        String smp = client.getSMPHostURI();
        try {
            SignedServiceMetadataType metadata = client.getServiceMetadata(receiver, documentType, null);
            return endpoint(participant, documentType, process, metadata, smp);
        } catch (SMPClientNotFoundException e) {
            return notFound(client, participant, receiver, documentType, smp);
        } catch (SMPClientException e) {
            return failed(e, participant, smp);
        }
    }

    /** Every answer's signature checked against the SMP trust store; no retries, and no longer than the timeout. */
    static void prepare(SMPClientReadOnly client, KeyStore trustStore, Duration timeout) {
        client.setTrustStore(trustStore);
        client.setVerifySignature(true);
        client.setSecureValidation(true);
        Timeout wait = Timeout.of(timeout);
        client.httpClientSettings().setConnectTimeout(wait).setResponseTimeout(wait).setConnectionRequestTimeout(wait)
                .setRetryCount(0);
    }

    /** A 404 for the document type: the participant may be unknown altogether, or only not for this document type. */
    private LookupResult notFound(SMPClientReadOnly client, ParticipantId participant, IParticipantIdentifier receiver,
            IDocumentTypeIdentifier documentType, String smp) {
        try {
            if (client.getServiceGroupOrNull(receiver) == null) {
                return new LookupResult.NotRegistered("The recipient " + participant + " is not registered in Peppol:"
                        + " no SMP knows it (" + smp + " answered that it does not know it).");
            }
            return new LookupResult.DocumentTypeNotAccepted("The recipient " + participant + " is registered in Peppol"
                    + " but does not receive this document type (" + documentType.getValue() + "), according to its"
                    + " SMP " + smp + ".");
        } catch (SMPClientException e) {
            return failed(e, participant, smp);
        }
    }

    private LookupResult endpoint(ParticipantId participant, IDocumentTypeIdentifier documentType,
            IProcessIdentifier process, SignedServiceMetadataType metadata, String smp) {
        ServiceInformationType information = metadata.getServiceMetadata() == null ? null
                : metadata.getServiceMetadata().getServiceInformation();
        if (information == null || information.getProcessList() == null) {
            return new LookupResult.LookupFailed("The SMP " + smp + " answered for the recipient " + participant
                    + " without service information (a redirect that could not be followed).");
        }
        // the signature proves who wrote the answer, not that it is the answer to our question
        if (!sameParticipant(information, participant) || information.getDocumentIdentifier() == null
                || !documentType.getValue().equals(information.getDocumentIdentifier().getValue())) {
            return new LookupResult.LookupFailed("The SMP " + smp + " answered for another participant or document"
                    + " type than asked for (" + participant + ", " + documentType.getValue() + ").");
        }
        boolean processListed = information.getProcessList().getProcess().stream()
                .map(ProcessType::getProcessIdentifier)
                .anyMatch(id -> id != null && process.getValue().equals(id.getValue())
                        && process.getScheme().equals(id.getScheme()));
        if (!processListed) {
            return new LookupResult.DocumentTypeNotAccepted("The recipient " + participant + " receives this document"
                    + " type, but not in the process " + process.getValue() + ", according to its SMP " + smp + ".");
        }
        EndpointType endpoint = SMPClientReadOnly.getEndpoint(metadata, process, AS4);
        if (endpoint == null) {
            return new LookupResult.DocumentTypeNotAccepted("The recipient " + participant + " has no active Peppol"
                    + " AS4 endpoint (" + AS4.getID() + ") for this document type and process, according to its SMP "
                    + smp + ".");
        }
        String address = SMPClientReadOnly.getEndpointAddress(endpoint);
        X509Certificate certificate;
        try {
            certificate = SMPClientReadOnly.getEndpointCertificate(endpoint);
        } catch (CertificateException | RuntimeException e) {
            certificate = null;
        }
        if (address == null || address.isBlank() || certificate == null) {
            return new LookupResult.LookupFailed("The SMP " + smp + " lists an AS4 endpoint for the recipient "
                    + participant + " without a usable " + (certificate == null ? "certificate." : "address."));
        }
        try {
            return new LookupResult.Found(URI.create(address.trim()), certificate, AS4.getID());
        } catch (IllegalArgumentException e) {
            return new LookupResult.LookupFailed("The SMP " + smp + " lists the AS4 endpoint '" + address
                    + "' for the recipient " + participant + ", which is not a valid address.");
        }
    }

    private LookupResult failed(SMPClientException e, ParticipantId participant, String smp) {
        log.warn("SMP lookup of {} at {} failed: {}", participant, smp, e.toString());
        String why;
        if (e instanceof SMPClientBadResponseException) {
            why = "its answer could not be trusted: the signature is missing, invalid, or not from a trusted SMP"
                    + " certificate (" + e.getMessage() + ")";
        } else if (e instanceof SMPClientParticipantNotFoundException && cause(e, ConnectException.class)) {
            why = "it could not be reached (connection refused)";
        } else if (cause(e, UnknownHostException.class)) {
            why = "its host name is not known in the DNS";
        } else if (cause(e, SocketTimeoutException.class)) {
            why = "it did not answer within " + timeout.toSeconds() + " seconds";
        } else {
            why = "the lookup failed: " + e.getMessage();
        }
        return new LookupResult.LookupFailed("Could not look up the recipient " + participant + " at the SMP " + smp
                + ": " + why + ". This is usually temporary; the gateway will try again.");
    }

    private static boolean sameParticipant(ServiceInformationType information, ParticipantId participant) {
        var id = information.getParticipantIdentifier();
        return id != null && id.getValue() != null
                && participant.toString().equals(id.getValue().trim().toLowerCase(Locale.ROOT));
    }

    static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static IDocumentTypeIdentifier documentType(String id) {
        String value = id.trim();
        for (String scheme : new String[] {PeppolIdentifierHelper.DOCUMENT_TYPE_SCHEME_BUSDOX_DOCID_QNS,
                PeppolIdentifierHelper.DOCUMENT_TYPE_SCHEME_PEPPOL_DOCTYPE_WILDCARD}) {
            if (value.startsWith(scheme + "::")) {
                return IDS.createDocumentTypeIdentifier(scheme, value.substring(scheme.length() + 2));
            }
        }
        return IDS.createDocumentTypeIdentifier(PeppolIdentifierHelper.DOCUMENT_TYPE_SCHEME_BUSDOX_DOCID_QNS, value);
    }

    private static IProcessIdentifier process(String id) {
        String value = id.trim();
        String prefix = PeppolIdentifierHelper.PROCESS_SCHEME_CENBII_PROCID_UBL + "::";
        return IDS.createProcessIdentifier(PeppolIdentifierHelper.PROCESS_SCHEME_CENBII_PROCID_UBL,
                value.startsWith(prefix) ? value.substring(prefix.length()) : value);
    }
}
