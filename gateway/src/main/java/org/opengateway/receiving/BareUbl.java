package org.opengateway.receiving;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The business document out of its SBDH, as a document of its own (UTF-8): what customers' systems read. The prefixed
 * namespace declarations it uses but inherited from the envelope are copied onto its root, so it means the same alone.
 */
final class BareUbl {

    // the JDK's own implementations: a service lookup per call costs dearly with Saxon on the class path
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newDefaultInstance();
    private static final DocumentBuilderFactory BUILDERS = DocumentBuilderFactory.newDefaultInstance();

    static {
        BUILDERS.setNamespaceAware(true);
    }

    private BareUbl() {
    }

    static byte[] of(Element ublRoot) {
        try {
            Document alone = BUILDERS.newDocumentBuilder().newDocument();
            alone.setXmlStandalone(true);
            Element root = (Element) alone.importNode(ublRoot, true);
            alone.appendChild(root);
            Set<String> used = new HashSet<>();
            collectPrefixes(ublRoot, used);
            for (Node up = ublRoot.getParentNode(); up instanceof Element ancestor; up = up.getParentNode()) {
                NamedNodeMap attributes = ancestor.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Attr attribute = (Attr) attributes.item(i);
                    // only what the invoice uses: the envelope's own namespaces stay with the envelope
                    if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                            && attribute.getPrefix() != null && used.contains(attribute.getLocalName())
                            && !root.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
                        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getName(),
                                attribute.getValue());
                    }
                }
            }
            Transformer transformer = TRANSFORMERS.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(alone), new StreamResult(out));
            return out.toByteArray();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("Cannot write the business document out of its SBDH: " + e.getMessage(), e);
        }
    }

    private static void collectPrefixes(Element element, Set<String> prefixes) {
        if (element.getPrefix() != null) {
            prefixes.add(element.getPrefix());
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String prefix = attributes.item(i).getPrefix();
            if (prefix != null && !"xmlns".equals(prefix)) {
                prefixes.add(prefix);
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectPrefixes(e, prefixes);
            }
        }
    }
}
