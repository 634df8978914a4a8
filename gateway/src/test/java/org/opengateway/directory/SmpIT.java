package org.opengateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.helger.peppol.smp.ESMPTransportProfile;
import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.smpclient.exception.SMPClientNotFoundException;
import com.helger.smpclient.peppol.SMPClientReadOnly;
import com.helger.xsds.peppol.smp1.EndpointType;
import com.helger.xsds.peppol.smp1.SignedServiceMetadataType;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opengateway.config.PublicAddress;
import org.opengateway.document.ParticipantId;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.SampleKeys;
import org.opengateway.transport.as4.As4Keys;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Our SMP as Peppol reads it: a stock peppol-smp-client against the running gateway (signatures checked against the
 * test trust store), the exact URLs that client requests, and the recipient lookup the sender uses.
 */
class SmpIT extends GatewayIT {

    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final KeyStore TRUST = SampleKeys.load(SampleKeys.file("truststore.p12"));
    private static final String INVOICE = AcceptedDocumentType.BILLING_INVOICE;
    private static final String CREDIT_NOTE = AcceptedDocumentType.BILLING_CREDIT_NOTE;
    private static final String PROCESS = AcceptedDocumentType.BILLING_PROCESS;
    private static final String ENCODED_INVOICE = "busdox-docid-qns%3A%3Aurn%3Aoasis%3Anames%3Aspecification%3Aubl%3A"
            + "schema%3Axsd%3AInvoice-2%3A%3AInvoice%23%23urn%3Acen.eu%3Aen16931%3A2017%23compliant%23urn%3Afdc%3A"
            + "peppol.eu%3A2017%3Apoacc%3Abilling%3A3.0%3A%3A2.1";

    @Autowired
    PublicAddress address;
    @Autowired
    As4Keys as4Keys;
    @Autowired
    RecipientLookup lookup;
    @Autowired
    AcceptedDocumentTypes accepted;

    private SMPClientReadOnly client() {
        SMPClientReadOnly client = new SMPClientReadOnly(url("/"));
        client.setTrustStore(TRUST);
        client.setVerifySignature(true);
        return client;
    }

    private static IParticipantIdentifier participant(String id) {
        return IDS.createParticipantIdentifierWithDefaultScheme(id);
    }

    private static IDocumentTypeIdentifier documentType(String value) {
        return IDS.createDocumentTypeIdentifierWithDefaultScheme(value);
    }

    @Test
    void theServiceGroupOfTheDemoReceiverListsInvoiceAndCreditNote() throws Exception {
        var group = client().getServiceGroup(participant(demo("receiver").participant()));

        assertThat(SMPClientReadOnly.getAllDocumentTypes(group)).extracting(IDocumentTypeIdentifier::getValue)
                .containsExactlyInAnyOrder(INVOICE, CREDIT_NOTE);
    }

    @Test
    void theSignedMetadataPointsAtOurAs4EndpointWithOurCertificate() throws Exception {
        SignedServiceMetadataType metadata = client().getServiceMetadata(participant(demo("receiver").participant()),
                documentType(INVOICE), null);

        EndpointType endpoint = SMPClientReadOnly.getEndpoint(metadata,
                IDS.createProcessIdentifierWithDefaultScheme(PROCESS), ESMPTransportProfile.TRANSPORT_PROFILE_PEPPOL_AS4_V2);
        assertThat(endpoint).isNotNull();
        assertThat(SMPClientReadOnly.getEndpointAddress(endpoint)).isEqualTo(address.as4Endpoint().toString())
                .isEqualTo(url("/as4").toString());
        assertThat(SMPClientReadOnly.getEndpointCertificate(endpoint)).isEqualTo(as4Keys.certificate());
        assertThat(endpoint.isRequireBusinessLevelSignature()).isFalse();
        assertThat(endpoint.getTechnicalContactUrl()).isNotBlank();
    }

    @Test
    void anUnknownParticipantIsNotFound() {
        assertThatThrownBy(() -> client().getServiceGroup(participant(freshParticipant())))
                .isInstanceOf(SMPClientNotFoundException.class);
        assertThatThrownBy(() -> client().getServiceMetadata(participant(freshParticipant()), documentType(INVOICE), null))
                .isInstanceOf(SMPClientNotFoundException.class);
    }

    @Test
    void anUnknownDocumentTypeIsNotFound() {
        assertThatThrownBy(() -> client().getServiceMetadata(participant(demo("receiver").participant()),
                documentType("urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order##urn:fdc:peppol.eu:poacc:"
                        + "trns:order:3::2.1"), null))
                .isInstanceOf(SMPClientNotFoundException.class);
    }

    @Test
    void theExactUrlsOfTheSmpClientAreAnswered() {
        String receiver = "iso6523-actorid-upis%3A%3A" + demo("receiver").participant().replace(":", "%3A");

        HttpResponse<String> group = get(null, "/" + receiver);
        HttpResponse<String> metadata = get(null, "/" + receiver + "/services/" + ENCODED_INVOICE);
        HttpResponse<String> plainColons = get(null, "/iso6523-actorid-upis::" + demo("receiver").participant());

        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(group.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(group.body()).contains("ServiceGroup", "/services/" + ENCODED_INVOICE);
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("SignedServiceMetadata", "Signature", url("/as4").toString());
        assertThat(plainColons.statusCode()).isEqualTo(200);
    }

    @Test
    void notFoundAnswersSayWhyInPlainWords() {
        HttpResponse<String> unknown = get(null, "/iso6523-actorid-upis%3A%3A0007%3A1111111116");
        HttpResponse<String> unknownType = get(null, "/iso6523-actorid-upis%3A%3A"
                + demo("receiver").participant().replace(":", "%3A") + "/services/busdox-docid-qns%3A%3Aurn%3Anothing");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("is not registered in this SMP");
        assertThat(unknownType.statusCode()).isEqualTo(404);
        assertThat(unknownType.body()).contains("does not receive the document type");
    }

    @Test
    void theSmpIsPublicAndTheApiIsNotTouched() {
        HttpResponse<String> api = get(null, "/api/v1/invoices");

        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void theLookupFindsTheDemoReceiver() throws Exception {
        LookupResult result = lookup.find(demo("receiver").participant(), INVOICE, PROCESS);

        assertThat(result).isInstanceOfSatisfying(LookupResult.Found.class, found -> {
            assertThat(found.endpoint()).isEqualTo(url("/as4"));
            assertThat(found.certificate()).isEqualTo(as4Keys.certificate());
            assertThat(found.transportProfile()).isEqualTo("peppol-transport-as4-v2_0");
        });
        assertThat(lookup.find("iso6523-actorid-upis::" + demo("receiver").participant(),
                "busdox-docid-qns::" + CREDIT_NOTE, "cenbii-procid-ubl::" + PROCESS))
                .isInstanceOf(LookupResult.Found.class);
    }

    @Test
    void theLookupSaysWhenTheRecipientIsNotRegistered() {
        String stranger = freshParticipant();

        LookupResult result = lookup.find(stranger, INVOICE, PROCESS);

        assertThat(result).isInstanceOfSatisfying(LookupResult.NotRegistered.class,
                notRegistered -> assertThat(notRegistered.reason())
                        .contains("The recipient " + stranger + " is not registered in Peppol: no SMP knows it"));
    }

    @Test
    void theLookupSaysWhenTheDocumentTypeOrProcessIsNotAccepted() {
        String receiver = demo("receiver").participant();

        LookupResult order = lookup.find(receiver, "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
                + "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1", PROCESS);
        LookupResult otherProcess = lookup.find(receiver, INVOICE, "urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0");

        assertThat(order).isInstanceOfSatisfying(LookupResult.DocumentTypeNotAccepted.class,
                notAccepted -> assertThat(notAccepted.reason()).contains("does not receive this document type"));
        assertThat(otherProcess).isInstanceOfSatisfying(LookupResult.DocumentTypeNotAccepted.class,
                notAccepted -> assertThat(notAccepted.reason()).contains("not in the process"));
    }

    @Test
    void theLookupFailsWhenTheSmpCannotBeReached() {
        URI closed = URI.create("http://127.0.0.1:" + freePort());
        RecipientLookup unreachable = new RecipientLookup(new SmpLocator.Fixed(() -> closed), TRUST,
                Duration.ofMinutes(5), Duration.ofSeconds(5));

        LookupResult result = unreachable.find(demo("receiver").participant(), INVOICE, PROCESS);

        assertThat(result).isInstanceOfSatisfying(LookupResult.LookupFailed.class,
                failed -> assertThat(failed.reason()).contains("could not be reached"));
    }

    @Test
    void theLookupFailsWhenTheSignatureIsNotFromATrustedSmp() throws Exception {
        // only the root CA: the SMP certificate's issuer is not trusted on its own
        KeyStore rootOnly = KeyStore.getInstance("PKCS12");
        rootOnly.load(null, null);
        try (InputStream in = Files.newInputStream(SampleKeys.file("test-root-ca.pem"))) {
            rootOnly.setCertificateEntry("root",
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        RecipientLookup distrustful = new RecipientLookup(new SmpLocator.Fixed(() -> url("/")), rootOnly,
                Duration.ZERO, Duration.ofSeconds(5));

        LookupResult result = distrustful.find(demo("receiver").participant(), INVOICE, PROCESS);

        assertThat(result).isInstanceOfSatisfying(LookupResult.LookupFailed.class,
                failed -> assertThat(failed.reason()).contains("could not be trusted"));
    }

    @Test
    void acceptedDocumentTypesCanBeAddedListedAndRemoved() {
        ParticipantId sender = ParticipantId.parse(demo("sender").participant());
        ParticipantId receiver = ParticipantId.parse(demo("receiver").participant());
        String documentType = "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order##urn:example:test-only:"
                + UUID.randomUUID() + "::2.1";
        AcceptedDocumentType row = AcceptedDocumentType.of(sender, documentType, PROCESS);

        assertThat(accepted.accepts(receiver, INVOICE)).isTrue();
        assertThat(accepted.accepts(receiver, "busdox-docid-qns::" + CREDIT_NOTE)).isTrue();
        assertThat(accepted.serves(receiver)).contains(UUID.fromString(demo("receiver").companyId()));
        assertThat(accepted.serves(ParticipantId.parse(freshParticipant()))).isEmpty();

        accepted.add(row);
        accepted.add(row);
        assertThat(accepted.list(sender)).containsOnlyOnce(row);
        assertThat(accepted.accepts(sender, documentType)).isTrue();
        assertThat(get(null, "/iso6523-actorid-upis::" + sender).body()).contains(documentType.replace(":", "%3A").replace("#", "%23"));

        assertThat(accepted.remove(row)).isTrue();
        assertThat(accepted.accepts(sender, documentType)).isFalse();
        assertThatThrownBy(() -> accepted.add(AcceptedDocumentType.of(ParticipantId.parse(freshParticipant()),
                INVOICE, PROCESS))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to no company");
        assertThatThrownBy(() -> accepted.add(AcceptedDocumentType.of(sender, "not a document type", PROCESS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid Peppol document type");
    }
}
