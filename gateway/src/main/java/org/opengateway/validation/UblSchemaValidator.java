package org.opengateway.validation;

import com.helger.io.resource.ClassPathResource;
import com.helger.ubl21.UBL21Marshaller;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.opengateway.document.DocumentKind;
import org.opengateway.document.InvoiceDocument;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks a document against the OASIS UBL 2.1 schemas shipped in ph-ubl21. The schemas are compiled once;
 * a compiled {@link Schema} is safe to share between threads, a {@link Validator} is made per call.
 */
@Component
public class UblSchemaValidator {

    public static final String RULESET = "ubl-2.1-xsd";
    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";

    private final Map<DocumentKind, Schema> schemas = new EnumMap<>(DocumentKind.class);

    public UblSchemaValidator() {
        schemas.put(DocumentKind.INVOICE, compile(UBL21Marshaller.getAllInvoiceXSDs()));
        schemas.put(DocumentKind.CREDIT_NOTE, compile(UBL21Marshaller.getAllCreditNoteXSDs()));
    }

    /** Compiles UBL schemas as ph-ubl lists them (the last one is the document's own). */
    public static Schema compile(List<ClassPathResource> xsds) {
        // ph-ubl lists the schemas in import order; the UBL ones leave some imports for it to supply
        javax.xml.transform.Source[] sources = xsds.stream()
                .map(xsd -> new javax.xml.transform.stream.StreamSource(xsd.getAsURL().toExternalForm()))
                .toArray(javax.xml.transform.Source[]::new);
        URL main = xsds.get(xsds.size() - 1).getAsURL();
        try {
            return jarOnlySchemaFactory().newSchema(sources);
        } catch (SAXException | RuntimeException e) {
            throw new IllegalStateException("The UBL 2.1 schema " + main + " cannot be compiled: " + e.getMessage(), e);
        }
    }

    /**
     * A schema factory for the official schemas, which import each other from inside our own jars: nothing else may be
     * fetched, and no DTD is read.
     */
    public static SchemaFactory jarOnlySchemaFactory() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar,nested");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    public ValidationReport validate(InvoiceDocument document) {
        Validator validator = schemas.get(document.kind()).newValidator();
        List<Finding> findings = new ArrayList<>();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new Collector(validator, findings));
            validator.validate(new DOMSource(document.ublRoot()));
        } catch (SAXException e) {
            findings.add(Finding.fatal("XSD", "The schema check stopped: " + e.getMessage()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ValidationReport(RULESET, findings);
    }

    private record Collector(Validator validator, List<Finding> findings) implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            findings.add(new Finding("XSD", Severity.WARNING, where(), null, plain(e)));
        }

        @Override
        public void error(SAXParseException e) {
            findings.add(new Finding("XSD", Severity.FATAL, where(), null, plain(e)));
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }

        private String where() {
            try {
                return validator.getProperty(CURRENT_NODE) instanceof Element element ? xpath(element) : null;
            } catch (SAXException e) {
                return null;
            }
        }

        /**
         * The schema messages start with an internal code such as "cvc-complex-type.2.4.a: ", and name elements
         * with their full namespace; drop the code and write the usual UBL prefixes instead.
         */
        private static String plain(SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            if (message.startsWith("cvc-") && colon > 0) {
                message = message.substring(colon + 2);
            }
            return PREFIXED.matcher(message).replaceAll(match -> UblPrefixes.of(match.group(1)) + match.group(2));
        }
    }

    private static final java.util.regex.Pattern PREFIXED = java.util.regex.Pattern.compile("\\{\"([^\"]+)\":([^}]+)}");

    /** A readable XPath such as /Invoice/cac:AccountingSupplierParty[1]/cac:Party[1]. */
    static String xpath(Element element) {
        StringBuilder path = new StringBuilder();
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            String name = e.getPrefix() == null ? e.getLocalName() : e.getPrefix() + ":" + e.getLocalName();
            if (e.getParentNode() instanceof Element) {
                path.insert(0, "/" + name + "[" + position(e) + "]");
            } else {
                path.insert(0, "/" + name);
            }
        }
        return path.toString();
    }

    private static int position(Element element) {
        int position = 1;
        for (Node n = element.getPreviousSibling(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(element.getLocalName())
                    && java.util.Objects.equals(e.getNamespaceURI(), element.getNamespaceURI())) {
                position++;
            }
        }
        return position;
    }
}
