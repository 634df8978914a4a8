package org.opengateway.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads submitted bytes into an {@link InvoiceDocument}: a bare UBL Invoice or CreditNote, or one wrapped in a
 * Peppol Standard Business Document. Anything else is refused with a reason a customer can act on.
 */
@Component
public class DocumentReader {

    static final String SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    private final SafeXml xml;

    public DocumentReader(SafeXml xml) {
        this.xml = xml;
    }

    public InvoiceDocument read(byte[] bytes) {
        Document document = xml.parse(bytes);
        return read(bytes, document.getDocumentElement());
    }

    /**
     * Reads a document that is parsed already: {@code root} is its root element (a Standard Business Document, or the
     * business document itself) and {@code bytes} the bytes it was parsed from.
     */
    public InvoiceDocument read(byte[] bytes, Element root) {
        ParticipantId sbdhSender = null;
        ParticipantId sbdhReceiver = null;
        if (SBDH_NS.equals(root.getNamespaceURI()) && "StandardBusinessDocument".equals(root.getLocalName())) {
            Element header = child(root, SBDH_NS, "StandardBusinessDocumentHeader");
            if (header == null) {
                throw new XmlRefusal("SBDH", "The Standard Business Document has no StandardBusinessDocumentHeader.");
            }
            sbdhSender = sbdhParty(header, "Sender");
            sbdhReceiver = sbdhParty(header, "Receiver");
            root = payload(root);
        }
        DocumentKind kind = DocumentKind.of(root.getNamespaceURI(), root.getLocalName());
        if (kind == null) {
            throw new XmlRefusal("DOCUMENT_TYPE", "The document is a '" + root.getLocalName() + "'"
                    + (root.getNamespaceURI() == null ? " without a namespace" : " in namespace " + root.getNamespaceURI())
                    + ", not a UBL 2.1 Invoice or CreditNote. Send an Invoice (" + DocumentKind.INVOICE.namespace()
                    + ") or a CreditNote (" + DocumentKind.CREDIT_NOTE.namespace() + ").");
        }
        Element supplier = path(root, "AccountingSupplierParty", "Party");
        Element customer = path(root, "AccountingCustomerParty", "Party");
        Element totals = child(root, CAC, "LegalMonetaryTotal");
        return new InvoiceDocument(bytes, kind, root,
                text(child(root, CBC, "ID")),
                date(text(child(root, CBC, "IssueDate"))),
                text(child(root, CBC, "DocumentCurrencyCode")),
                amount(text(totals == null ? null : child(totals, CBC, "PayableAmount"))),
                text(child(root, CBC, "CustomizationID")),
                text(child(root, CBC, "ProfileID")),
                endpoint(supplier),
                endpoint(customer),
                sbdhSender,
                sbdhReceiver);
    }

    private static Element payload(Element sbd) {
        for (Node n = sbd.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !(SBDH_NS.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        throw new XmlRefusal("SBDH", "The Standard Business Document carries no business document after its header.");
    }

    private static ParticipantId sbdhParty(Element header, String role) {
        Element party = child(header, SBDH_NS, role);
        String identifier = text(party == null ? null : child(party, SBDH_NS, "Identifier"));
        if (identifier == null) {
            throw new XmlRefusal("SBDH", "The SBDH has no " + role + "/Identifier.");
        }
        try {
            return ParticipantId.parse(identifier);
        } catch (IllegalArgumentException e) {
            throw new XmlRefusal("SBDH", "The SBDH " + role + " " + e.getMessage() + ".");
        }
    }

    private static ParticipantId endpoint(Element party) {
        Element endpoint = party == null ? null : child(party, CBC, "EndpointID");
        String value = text(endpoint);
        String scheme = endpoint == null ? "" : endpoint.getAttribute("schemeID").trim();
        if (value == null || scheme.isEmpty()) {
            return null;
        }
        return new ParticipantId(scheme, value);
    }

    private static Element path(Element root, String outer, String inner) {
        Element first = child(root, CAC, outer);
        return first == null ? null : child(first, CAC, inner);
    }

    static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null; // the schema check reports it
        }
    }

    private static BigDecimal amount(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null; // the schema check reports it
        }
    }
}
