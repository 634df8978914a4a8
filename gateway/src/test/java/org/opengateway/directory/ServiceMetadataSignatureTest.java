package org.opengateway.directory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.helger.peppol.smp.ESMPTransportProfile;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.smpclient.exception.SMPClientBadResponseException;
import com.helger.smpclient.httpclient.SMPHttpResponseHandlerSigned;
import com.helger.smpclient.httpclient.SMPHttpResponseHandlerUnsigned;
import com.helger.smpclient.peppol.SMPClientReadOnly;
import com.helger.smpclient.peppol.marshal.SMPMarshallerServiceGroupType;
import com.helger.smpclient.peppol.marshal.SMPMarshallerSignedServiceMetadataType;
import com.helger.xsds.peppol.smp1.EndpointType;
import com.helger.xsds.peppol.smp1.ServiceGroupType;
import com.helger.xsds.peppol.smp1.SignedServiceMetadataType;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opengateway.document.ParticipantId;
import org.opengateway.testing.SampleKeys;
import org.opengateway.transport.pki.TestPki;

/** Our SMP's answers, read back with peppol-smp-client's own signature check and schema, without a server. */
class ServiceMetadataSignatureTest {

    private static final ParticipantId RECEIVER = ParticipantId.parse("0007:5564982212");
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private static final KeyStore TRUST = SampleKeys.load(SampleKeys.file("truststore.p12"));
    private static final X509Certificate AP_CERTIFICATE = SampleKeys.certificate(SampleKeys.file("gateway-b.p12"));

    @TempDir
    Path dir;

    @Test
    void signedServiceMetadataPassesTheClientsSignatureCheckAndSchema() throws Exception {
        byte[] xml = metadata(publisher(keys(SampleKeys.file("smp.p12"))));

        SignedServiceMetadataType read = readSigned(xml, TRUST);

        EndpointType endpoint = SMPClientReadOnly.getEndpoint(read, PeppolIdentifierFactory.INSTANCE
                .createProcessIdentifierWithDefaultScheme(AcceptedDocumentType.BILLING_PROCESS),
                ESMPTransportProfile.TRANSPORT_PROFILE_PEPPOL_AS4_V2);
        assertThat(SMPClientReadOnly.getEndpointAddress(endpoint)).isEqualTo(BASE + "/as4");
        assertThat(SMPClientReadOnly.getEndpointCertificate(endpoint)).isEqualTo(AP_CERTIFICATE);
        String text = new String(xml, UTF_8);
        assertThat(text).contains("http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256",
                "http://www.w3.org/2000/09/xmldsig#enveloped-signature", "X509SubjectName", "X509Certificate");
    }

    @Test
    void aTamperedAnswerFailsVerification() {
        String xml = new String(metadata(publisher(keys(SampleKeys.file("smp.p12")))), UTF_8);
        String tampered = xml.replace(BASE + "/as4", "http://attacker.example/as4");
        assertThat(tampered).isNotEqualTo(xml);

        assertThatThrownBy(() -> readSigned(tampered.getBytes(UTF_8), TRUST))
                .isInstanceOf(SMPClientBadResponseException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void anAnswerSignedWithAKeyFromAnotherPkiIsRefused() {
        new TestPki().write(dir);
        byte[] xml = metadata(publisher(keys(dir.resolve("smp.p12"))));

        assertThatThrownBy(() -> readSigned(xml, TRUST)).isInstanceOf(SMPClientBadResponseException.class);
    }

    @Test
    void theServiceGroupLinksEachDocumentTypePercentEncoded() throws Exception {
        SmpAnswer answer = publisher(keys(SampleKeys.file("smp.p12"))).serviceGroup("iso6523-actorid-upis::0007:5564982212");
        byte[] xml = ((SmpAnswer.Xml) answer).body();

        ServiceGroupType group = new SMPHttpResponseHandlerUnsigned<>(new SMPMarshallerServiceGroupType())
                .handleEntity(new ByteArrayEntity(xml, ContentType.TEXT_XML));

        assertThat(SMPClientReadOnly.getAllDocumentTypes(group)).extracting(id -> id.getValue())
                .containsExactly(AcceptedDocumentType.BILLING_INVOICE, AcceptedDocumentType.BILLING_CREDIT_NOTE);
        assertThat(group.getServiceMetadataReferenceCollection().getServiceMetadataReference().get(0).getHref())
                .isEqualTo(BASE + "/iso6523-actorid-upis%3A%3A0007%3A5564982212/services/busdox-docid-qns%3A%3A"
                        + "urn%3Aoasis%3Anames%3Aspecification%3Aubl%3Aschema%3Axsd%3AInvoice-2%3A%3AInvoice%23%23"
                        + "urn%3Acen.eu%3Aen16931%3A2017%23compliant%23urn%3Afdc%3Apeppol.eu%3A2017%3Apoacc%3A"
                        + "billing%3A3.0%3A%3A2.1");
    }

    @Test
    void unknownParticipantsAndDocumentTypesAreNotFound() {
        ServiceMetadataPublisher smp = publisher(keys(SampleKeys.file("smp.p12")));

        assertThat(smp.serviceGroup("iso6523-actorid-upis::0007:1111111111")).isInstanceOf(SmpAnswer.NotFound.class);
        assertThat(smp.serviceGroup("other-scheme::0007:5564982212")).isInstanceOf(SmpAnswer.NotFound.class);
        assertThat(smp.serviceMetadata("iso6523-actorid-upis::0007:5564982212", "busdox-docid-qns::urn:unknown"))
                .isInstanceOfSatisfying(SmpAnswer.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("does not receive", "urn:unknown"));
    }

    private static SignedServiceMetadataType readSigned(byte[] xml, KeyStore trust) throws Exception {
        return new SMPHttpResponseHandlerSigned<>(new SMPMarshallerSignedServiceMetadataType(), trust)
                .handleEntity(new ByteArrayEntity(xml, ContentType.TEXT_XML));
    }

    private static byte[] metadata(ServiceMetadataPublisher smp) {
        SmpAnswer answer = smp.serviceMetadata("iso6523-actorid-upis::0007:5564982212",
                "busdox-docid-qns::" + AcceptedDocumentType.BILLING_INVOICE);
        return ((SmpAnswer.Xml) answer).body();
    }

    private static SmpKeys keys(Path keyStore) {
        try {
            KeyStore store = SampleKeys.load(keyStore);
            return new SmpKeys((PrivateKey) store.getKey(TestPki.KEY_ALIAS, TestPki.PASSWORD.toCharArray()),
                    (X509Certificate) store.getCertificate(TestPki.KEY_ALIAS), TRUST);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceMetadataPublisher publisher(SmpKeys keys) {
        // the receiver's rows, as the database would give them
        AcceptedDocumentTypes rows = new AcceptedDocumentTypes(null) {
            @Override
            public List<AcceptedDocumentType> list(ParticipantId participant) {
                return participant.equals(RECEIVER) ? AcceptedDocumentType.billingDefaults(RECEIVER) : List.of();
            }
        };
        var endpoint = new ServiceMetadataPublisher.Endpoint(() -> BASE, () -> URI.create(BASE + "/as4"),
                AP_CERTIFICATE, () -> BASE.toString());
        return new ServiceMetadataPublisher(rows, endpoint, keys);
    }
}
