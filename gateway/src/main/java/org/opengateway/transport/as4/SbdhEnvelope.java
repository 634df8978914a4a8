package org.opengateway.transport.as4;

import com.helger.peppol.sbdh.EPeppolMLSType;
import com.helger.peppolid.peppol.doctype.IPeppolDocumentTypeIdentifierParts;
import com.helger.peppolid.peppol.doctype.PeppolDocumentTypeIdentifierParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the Peppol envelope (SBDH, Envelope Specification 2.0) around a business document as text, the document's
 * bytes copied in as they are. phase4 would build the envelope as JAXB objects around a DOM of the document and
 * marshal the lot to a temporary file, 5 to 7% of a sending gateway's CPU (JFR, {@code ExchangeBenchmark}) for what
 * is a fixed header of a dozen values. Standard, type and type version come from the document type ID, which names
 * the root element and the syntax version of the document: the receiver checks that they match.
 */
final class SbdhEnvelope {

    private static final String PARTICIPANT_SCHEME = "iso6523-actorid-upis";
    private static final Pattern DECLARATION = Pattern.compile("^<\\?xml[^>]*\\?>");
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private SbdhEnvelope() {
    }

    /**
     * @param mlsTo where the receiver sends its MLS (a service provider ID with the participant scheme); null: none
     * @param mlsType which MLS we ask for; null: none
     * @throws IllegalArgumentException when the document type ID is no Peppol one
     */
    static byte[] wrap(OutboundMessage message, String mlsTo, EPeppolMLSType mlsType, OffsetDateTime now) {
        IPeppolDocumentTypeIdentifierParts parts = PeppolDocumentTypeIdentifierParts.extractFromString(
                message.documentTypeId());
        StringBuilder header = new StringBuilder(1500)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<StandardBusinessDocument xmlns=\"http://www.unece.org/cefact/namespaces/")
                .append("StandardBusinessDocumentHeader\"><StandardBusinessDocumentHeader>")
                .append("<HeaderVersion>1.0</HeaderVersion>");
        party(header, "Sender", message.sender());
        party(header, "Receiver", message.receiver());
        header.append("<DocumentIdentification>");
        element(header, "Standard", parts.getRootNS());
        element(header, "TypeVersion", parts.getVersion());
        element(header, "InstanceIdentifier", message.sbdhInstanceId());
        element(header, "Type", parts.getLocalName());
        element(header, "CreationDateAndTime",
                DATE_TIME.format(now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)));
        header.append("</DocumentIdentification><BusinessScope>");
        scope(header, "DOCUMENTID", message.documentTypeId(), "busdox-docid-qns");
        scope(header, "PROCESSID", message.processId(), "cenbii-procid-ubl");
        scope(header, "COUNTRY_C1", message.countryC1(), null);
        if (mlsTo != null) {
            scope(header, "MLS_TO", mlsTo, PARTICIPANT_SCHEME);
        }
        if (mlsType != null) {
            scope(header, "MLS_TYPE", mlsType.getID(), null);
        }
        header.append("</BusinessScope></StandardBusinessDocumentHeader>");
        byte[] document = utf8WithoutDeclaration(message.payload());
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + document.length + 40);
        out.writeBytes(header.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(document);
        out.writeBytes("</StandardBusinessDocument>".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * The document as UTF-8 without its XML declaration (and byte order mark), so that it can stand as an element
     * inside another document; one in another encoding is converted.
     */
    static byte[] utf8WithoutDeclaration(byte[] xml) {
        Charset charset = StandardCharsets.UTF_8;
        int start = 0;
        if (xml.length >= 3 && (xml[0] & 0xFF) == 0xEF && (xml[1] & 0xFF) == 0xBB && (xml[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (xml.length >= 2 && (xml[0] == 0 || xml[1] == 0 || (xml[0] & 0xFF) >= 0xFE)) {
            charset = StandardCharsets.UTF_16; // with or without its byte order mark (then big-endian)
        }
        if (charset == StandardCharsets.UTF_8) {
            // the declaration is ASCII in every encoding that is not UTF-16, so it can be read before decoding
            String head = new String(xml, start, Math.min(200, xml.length - start), StandardCharsets.ISO_8859_1);
            Matcher declaration = DECLARATION.matcher(head);
            if (!declaration.find()) {
                return start == 0 ? xml : java.util.Arrays.copyOfRange(xml, start, xml.length);
            }
            Matcher encoding = ENCODING.matcher(declaration.group());
            Charset declared = encoding.find() ? Charset.forName(encoding.group(1)) : StandardCharsets.UTF_8;
            if (declared.equals(StandardCharsets.UTF_8)) {
                return java.util.Arrays.copyOfRange(xml, start + declaration.end(), xml.length);
            }
            charset = declared;
        }
        String text = new String(xml, start, xml.length - start, charset);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Matcher declaration = DECLARATION.matcher(text);
        return (declaration.find() ? text.substring(declaration.end()) : text).getBytes(StandardCharsets.UTF_8);
    }

    private static void party(StringBuilder xml, String role, String participant) {
        xml.append('<').append(role).append("><Identifier Authority=\"").append(PARTICIPANT_SCHEME).append("\">");
        escape(xml, participant);
        xml.append("</Identifier></").append(role).append('>');
    }

    private static void scope(StringBuilder xml, String type, String value, String identifier) {
        xml.append("<Scope>");
        element(xml, "Type", type);
        element(xml, "InstanceIdentifier", value);
        if (identifier != null) {
            element(xml, "Identifier", identifier);
        }
        xml.append("</Scope>");
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>');
        escape(xml, value);
        xml.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                default -> xml.append(c);
            }
        }
    }
}
