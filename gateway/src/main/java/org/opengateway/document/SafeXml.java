package org.opengateway.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one XML parser of the gateway: namespace aware, and it refuses any DTD, so no entity, external
 * or internal, is ever declared, let alone resolved.
 */
@Component
public class SafeXml {

    private final DocumentBuilderFactory factory;
    private final javax.xml.parsers.SAXParserFactory sax;

    public SafeXml() {
        try {
            sax = javax.xml.parsers.SAXParserFactory.newInstance();
            sax.setNamespaceAware(true);
            sax.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            sax.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            sax.setFeature("http://xml.org/sax/features/external-general-entities", false);
            sax.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            sax.setXIncludeAware(false);
            factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }

    /**
     * A SAX reader with the same protections, for tools (such as the schematron engine) that build their own tree.
     * Make one per use; readers are not safe across threads.
     */
    public org.xml.sax.XMLReader newReader() {
        try {
            org.xml.sax.XMLReader reader = sax.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed: " + systemId);
            });
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }

    /** Parses the bytes, or throws {@link XmlRefusal} saying in plain words what is wrong. */
    public Document parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new XmlRefusal("EMPTY", "The document is empty (0 bytes).");
        }
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed: " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new XmlRefusal("XML", explain(e), e.getLineNumber() > 0 ? e.getLineNumber() : null);
        } catch (SAXException e) {
            throw new XmlRefusal("XML", "The document is not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new XmlRefusal("XML", "The document could not be read as XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String explain(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        String where = e.getLineNumber() > 0 ? " (line " + e.getLineNumber() + ")" : "";
        if (message.contains("DOCTYPE is disallowed")) {
            return "The document contains a DOCTYPE declaration" + where + ". Invoices must not declare a DTD or"
                    + " entities; remove the <!DOCTYPE ...> part and send it again.";
        }
        if (message.contains("Invalid byte") || message.contains("UTF-8") || message.contains("encoding")) {
            return "The document's bytes do not match its character encoding" + where + ": " + message
                    + " Save the file as UTF-8 (as Peppol requires) and send it again.";
        }
        if (message.contains("Content is not allowed in prolog")) {
            return "The document is not XML: it does not start with an XML element" + where + ".";
        }
        if (message.contains("Premature end of file")) {
            return "The document is not XML, or it ends before its root element is complete" + where + ".";
        }
        if (message.contains("entity") || message.contains("Entity")) {
            return "The document uses an entity that is not declared or not allowed" + where + ": " + message;
        }
        return "The document is not well-formed XML" + where + ": " + message;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
