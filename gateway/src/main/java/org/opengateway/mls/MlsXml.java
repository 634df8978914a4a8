package org.opengateway.mls;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.opengateway.mls.MlsCodes.ReasonCode;
import org.opengateway.mls.MlsCodes.ResponseCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes and reads the MLS document: a UBL 2.1 ApplicationResponse as Peppol MLS 1.0 lays it out. Sender and receiver
 * are the two service providers ({@code 0242} and the digits of their seat IDs); the one document reference is the
 * SBDH instance identifier of the business document it is about.
 */
final class MlsXml {

    static final String ROOT_NS = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();
    /** Where an issue has no place in the document. */
    static final String NO_LOCATION = "NA";

    private MlsXml() {
    }

    /** What an MLS says, as read from one. */
    record Read(String id, String sender, String receiver, String referencedSbdhId, MlsStatus status) {
    }

    /**
     * @param id the MLS's own ID
     * @param sender our service provider ID, {@code 0242:000002}
     * @param receiver the service provider it goes to
     * @param referencedSbdhId the SBDH instance identifier of the document it is about
     */
    static byte[] write(String id, String sender, String receiver, String referencedSbdhId, MlsStatus status,
            OffsetDateTime issued) {
        OffsetDateTime utc = issued.withOffsetSameInstant(ZoneOffset.UTC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ROOT_NS);
            xml.setPrefix("cac", CAC);
            xml.setPrefix("cbc", CBC);
            xml.writeStartElement(ROOT_NS, "ApplicationResponse");
            xml.writeDefaultNamespace(ROOT_NS);
            xml.writeNamespace("cac", CAC);
            xml.writeNamespace("cbc", CBC);
            basic(xml, "CustomizationID", MlsCodes.CUSTOMIZATION_ID);
            basic(xml, "ProfileID", MlsCodes.PROFILE_ID);
            basic(xml, "ID", id);
            basic(xml, "IssueDate", utc.toLocalDate().toString());
            basic(xml, "IssueTime", utc.toLocalTime().withNano(0).format(DateTimeFormatter.ISO_LOCAL_TIME) + "Z");
            party(xml, "SenderParty", sender);
            party(xml, "ReceiverParty", receiver);
            xml.writeStartElement(CAC, "DocumentResponse");
            xml.writeStartElement(CAC, "Response");
            basic(xml, "ResponseCode", status.code().name());
            if (status.code() == ResponseCode.RE) {
                basic(xml, "Description", status.inWords());
            }
            xml.writeEndElement();
            xml.writeStartElement(CAC, "DocumentReference");
            basic(xml, "ID", referencedSbdhId);
            xml.writeEndElement();
            for (MlsStatus.Issue issue : status.issues()) {
                xml.writeStartElement(CAC, "LineResponse");
                xml.writeStartElement(CAC, "LineReference");
                basic(xml, "LineID", issue.location() == null || issue.location().isBlank() ? NO_LOCATION
                        : issue.location());
                xml.writeEndElement();
                xml.writeStartElement(CAC, "Response");
                basic(xml, "Description", issue.description());
                xml.writeStartElement(CAC, "Status");
                basic(xml, "StatusReasonCode", issue.reason().name());
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write the MLS about " + referencedSbdhId + ": " + e.getMessage(),
                    e);
        }
        return out.toByteArray();
    }

    private static void party(XMLStreamWriter xml, String name, String participant) throws XMLStreamException {
        int colon = participant.indexOf(':');
        xml.writeStartElement(CAC, name);
        xml.writeStartElement(CBC, "EndpointID");
        xml.writeAttribute("schemeID", participant.substring(0, colon));
        xml.writeCharacters(participant.substring(colon + 1));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void basic(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(CBC, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /**
     * Reads an MLS, bare or in its SBDH. Throws {@link IllegalArgumentException}, saying what is missing, when it is no
     * MLS we can match: no ApplicationResponse, no document reference, or an unknown response code.
     */
    static Read read(Document document) {
        NodeList roots = document.getElementsByTagNameNS(ROOT_NS, "ApplicationResponse");
        if (roots.getLength() != 1) {
            throw new IllegalArgumentException("The MLS carries no UBL ApplicationResponse.");
        }
        Element root = (Element) roots.item(0);
        Element response = child(root, CAC, "DocumentResponse");
        String code = text(child(child(response, CAC, "Response"), CBC, "ResponseCode"));
        ResponseCode responseCode;
        try {
            responseCode = ResponseCode.valueOf(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("The MLS has the response code '" + code + "'; AP, AB or RE is"
                    + " expected.");
        }
        String reference = text(child(child(response, CAC, "DocumentReference"), CBC, "ID"));
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("The MLS names no document (DocumentResponse/DocumentReference/ID).");
        }
        List<MlsStatus.Issue> issues = new ArrayList<>();
        for (Element line : children(response, CAC, "LineResponse")) {
            String location = text(child(child(line, CAC, "LineReference"), CBC, "LineID"));
            for (Element lineResponse : children(line, CAC, "Response")) {
                String reason = text(child(child(lineResponse, CAC, "Status"), CBC, "StatusReasonCode"));
                issues.add(new MlsStatus.Issue(ReasonCode.parse(reason), location,
                        text(child(lineResponse, CBC, "Description"))));
            }
        }
        return new Read(text(child(root, CBC, "ID")), party(root, "SenderParty"), party(root, "ReceiverParty"),
                reference.trim(), new MlsStatus(responseCode, issues));
    }

    private static String party(Element root, String name) {
        Element endpoint = child(child(root, CAC, name), CBC, "EndpointID");
        return endpoint == null ? null : endpoint.getAttribute("schemeID") + ":" + text(endpoint);
    }

    private static Element child(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }
}
