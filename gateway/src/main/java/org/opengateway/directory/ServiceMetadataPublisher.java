package org.opengateway.directory;

import com.helger.peppol.smp.ESMPTransportProfile;
import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.peppolid.peppol.PeppolIdentifierHelper;
import com.helger.smpclient.peppol.marshal.SMPMarshallerServiceGroupType;
import com.helger.smpclient.peppol.marshal.SMPMarshallerSignedServiceMetadataType;
import com.helger.xsds.peppol.smp1.EndpointType;
import com.helger.xsds.peppol.smp1.ProcessListType;
import com.helger.xsds.peppol.smp1.ProcessType;
import com.helger.xsds.peppol.smp1.ServiceEndpointList;
import com.helger.xsds.peppol.smp1.ServiceGroupType;
import com.helger.xsds.peppol.smp1.ServiceInformationType;
import com.helger.xsds.peppol.smp1.ServiceMetadataReferenceCollectionType;
import com.helger.xsds.peppol.smp1.ServiceMetadataReferenceType;
import com.helger.xsds.peppol.smp1.ServiceMetadataType;
import com.helger.xsds.peppol.smp1.SignedServiceMetadataType;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.opengateway.document.ParticipantId;
import jakarta.xml.ws.wsaddressing.W3CEndpointReference;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Our SMP (Peppol SMP 1.x): the service group of a participant of ours, listing what it receives, and the signed
 * service metadata of one document type, pointing at our AS4 endpoint with our access-point certificate.
 */
public class ServiceMetadataPublisher {

    private static final Logger log = LoggerFactory.getLogger(ServiceMetadataPublisher.class);
    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final String WS_ADDRESSING = "http://www.w3.org/2005/08/addressing";
    private static final String PARTICIPANT_SCHEME = PeppolIdentifierHelper.PARTICIPANT_SCHEME_ISO6523_ACTORID_UPIS;

    /**
     * Where and how we receive.
     *
     * @param base our public base address; the service group's links start with it
     * @param as4Endpoint our AS4 endpoint
     * @param accessPointCertificate our AS4 certificate, which senders encrypt for
     * @param technicalContactUrl where to reach the people who run this gateway
     */
    public record Endpoint(Supplier<URI> base, Supplier<URI> as4Endpoint, X509Certificate accessPointCertificate,
            Supplier<String> technicalContactUrl) {
    }

    private final AcceptedDocumentTypes accepted;
    private final Endpoint endpoint;
    private final SmpSigner signer;

    public ServiceMetadataPublisher(AcceptedDocumentTypes accepted, Endpoint endpoint, SmpKeys keys) {
        this.accepted = accepted;
        this.endpoint = endpoint;
        this.signer = new SmpSigner(keys.signingKey(), keys.certificate());
    }

    /** The service group, for {@code GET /{serviceGroupId}} (the ID percent-decoded, e.g. iso6523-actorid-upis::0007:...). */
    SmpAnswer serviceGroup(String serviceGroupId) {
        ParticipantId participant = participant(serviceGroupId);
        List<AcceptedDocumentType> rows = participant == null ? List.of() : accepted.list(participant);
        if (rows.isEmpty()) {
            return unknown(serviceGroupId);
        }
        IParticipantIdentifier id = IDS.createParticipantIdentifier(PARTICIPANT_SCHEME, participant.toString());
        ServiceMetadataReferenceCollectionType references = new ServiceMetadataReferenceCollectionType();
        Set<String> documentTypes = new LinkedHashSet<>();
        for (AcceptedDocumentType row : rows) {
            IDocumentTypeIdentifier documentType = IDS.createDocumentTypeIdentifier(row.documentTypeScheme(),
                    row.documentType());
            if (documentType == null) {
                log.warn("Not listing the document type '{}' of {} in our SMP: it is not a valid Peppol identifier",
                        row.documentType(), participant);
                continue;
            }
            // one link per document type, percent-encoded as Peppol SMPs write them
            String href = endpoint.base().get() + "/" + id.getURIPercentEncoded() + "/services/"
                    + documentType.getURIPercentEncoded();
            if (documentTypes.add(href)) {
                ServiceMetadataReferenceType reference = new ServiceMetadataReferenceType();
                reference.setHref(href);
                references.addServiceMetadataReference(reference);
            }
        }
        ServiceGroupType group = new ServiceGroupType();
        group.setParticipantIdentifier(IDS.createParticipantIdentifier(PARTICIPANT_SCHEME, participant.toString()));
        group.setServiceMetadataReferenceCollection(references);
        SMPMarshallerServiceGroupType marshaller = new SMPMarshallerServiceGroupType();
        return new SmpAnswer.Xml(marshaller.getAsBytes(group));
    }

    /** The signed service metadata, for {@code GET /{serviceGroupId}/services/{documentTypeId}} (both percent-decoded). */
    SmpAnswer serviceMetadata(String serviceGroupId, String documentTypeId) {
        ParticipantId participant = participant(serviceGroupId);
        List<AcceptedDocumentType> rows = participant == null ? List.of() : accepted.list(participant);
        if (rows.isEmpty()) {
            return unknown(serviceGroupId);
        }
        int separator = documentTypeId.indexOf("::");
        String scheme = separator < 0 ? "" : documentTypeId.substring(0, separator);
        String value = separator < 0 ? documentTypeId : documentTypeId.substring(separator + 2);
        List<AcceptedDocumentType> matching = rows.stream()
                .filter(row -> row.documentTypeScheme().equalsIgnoreCase(scheme) && row.documentType().equals(value))
                .toList();
        if (matching.isEmpty()) {
            return new SmpAnswer.NotFound("The participant " + participant + " does not receive the document type '"
                    + documentTypeId + "' here. It receives: " + rows.stream()
                            .map(row -> row.documentTypeScheme() + "::" + row.documentType()).distinct().toList());
        }
        ProcessListType processes = new ProcessListType();
        for (AcceptedDocumentType row : matching) {
            ProcessType process = new ProcessType();
            process.setProcessIdentifier(IDS.createProcessIdentifier(row.processScheme(), row.process()));
            ServiceEndpointList endpoints = new ServiceEndpointList();
            endpoints.addEndpoint(as4Endpoint());
            process.setServiceEndpointList(endpoints);
            processes.addProcess(process);
        }
        ServiceInformationType information = new ServiceInformationType();
        information.setParticipantIdentifier(IDS.createParticipantIdentifier(PARTICIPANT_SCHEME, participant.toString()));
        information.setDocumentIdentifier(IDS.createDocumentTypeIdentifier(matching.get(0).documentTypeScheme(), value));
        information.setProcessList(processes);
        ServiceMetadataType metadata = new ServiceMetadataType();
        metadata.setServiceInformation(information);
        SignedServiceMetadataType signed = new SignedServiceMetadataType();
        signed.setServiceMetadata(metadata);
        // written without the signature the schema requires, which is added to the DOM next
        SMPMarshallerSignedServiceMetadataType marshaller = new SMPMarshallerSignedServiceMetadataType();
        marshaller.setUseSchema(false);
        Document document = marshaller.getAsDocument(signed);
        if (document == null) {
            throw new IllegalStateException("Cannot write the service metadata of " + participant + " as XML.");
        }
        return new SmpAnswer.Xml(signer.sign(document));
    }

    private EndpointType as4Endpoint() {
        EndpointType as4 = new EndpointType();
        as4.setTransportProfile(ESMPTransportProfile.TRANSPORT_PROFILE_PEPPOL_AS4_V2.getID());
        as4.setEndpointReference(endpointReference(endpoint.as4Endpoint().get()));
        as4.setRequireBusinessLevelSignature(false);
        try {
            as4.setCertificate(Base64.getEncoder().encodeToString(endpoint.accessPointCertificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode our access-point certificate: " + e.getMessage(), e);
        }
        as4.setServiceDescription("Peppol AS4 access point of this gateway");
        as4.setTechnicalContactUrl(endpoint.technicalContactUrl().get());
        return as4;
    }

    /**
     * A WS-Addressing endpoint reference with just the address, as the SMP's EndpointReference. Read from XML rather
     * than built with W3CEndpointReferenceBuilder, which needs a whole JAX-WS runtime only for this.
     */
    private static W3CEndpointReference endpointReference(URI address) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            Element reference = document.createElementNS(WS_ADDRESSING, "wsa:EndpointReference");
            Element element = document.createElementNS(WS_ADDRESSING, "wsa:Address");
            element.setTextContent(address.toString());
            reference.appendChild(element);
            document.appendChild(reference);
            return new W3CEndpointReference(new DOMSource(document));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The participant of an ID like {@code iso6523-actorid-upis::0007:5567321707}, or null if it is not one. */
    private static ParticipantId participant(String serviceGroupId) {
        int separator = serviceGroupId.indexOf("::");
        if (separator < 0 || !serviceGroupId.substring(0, separator).toLowerCase(Locale.ROOT).equals(PARTICIPANT_SCHEME)) {
            return null;
        }
        try {
            return ParticipantId.parse(serviceGroupId.substring(separator + 2));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SmpAnswer unknown(String serviceGroupId) {
        return new SmpAnswer.NotFound("The participant '" + serviceGroupId + "' is not registered in this SMP."
                + " It lists only the participants this gateway receives for, as iso6523-actorid-upis::<scheme>:<value>.");
    }
}
