package org.opengateway.directory;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSOutput;
import org.w3c.dom.ls.LSSerializer;

/**
 * Signs SMP answers as the Peppol SMP specification (1.3) demands: an enveloped XMLDSig signature over the whole
 * document element, inclusive canonicalisation, RSA-SHA256 and a SHA-256 digest, with the signing certificate and its
 * subject in the KeyInfo.
 */
final class SmpSigner {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");

    SmpSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Signs the document in place (the signature becomes the document element's last child) and returns its bytes. */
    byte[] sign(Document document) {
        try {
            Reference whole = factory.newReference("", factory.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(whole));
            KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(
                    List.of(certificate.getSubjectX500Principal().getName(), certificate))));
            factory.newXMLSignature(signedInfo, keyInfo).sign(new DOMSignContext(key, document.getDocumentElement()));
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new IllegalStateException("Cannot sign the SMP answer with the SMP key: " + e.getMessage(), e);
        }
        return bytes(document);
    }

    /** The document as UTF-8 bytes, exactly as it is (no reformatting, which would break the signature). */
    static byte[] bytes(Document document) {
        DOMImplementationLS ls = (DOMImplementationLS) document.getImplementation().getFeature("LS", "3.0");
        LSSerializer serializer = ls.createLSSerializer();
        LSOutput output = ls.createLSOutput();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.setByteStream(bytes);
        output.setEncoding("UTF-8");
        serializer.write(document, output);
        return bytes.toByteArray();
    }
}
