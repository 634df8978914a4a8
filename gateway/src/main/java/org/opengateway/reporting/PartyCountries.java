package org.opengateway.reporting;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.opengateway.document.ParticipantId;

/**
 * The countries Peppol Reporting needs from a business document, read in one streaming pass (no tree is built): the
 * C1 country of the SBDH, and the electronic address and postal country of the supplier and of the customer.
 */
record PartyCountries(String countryC1, String supplierEndpoint, String supplierCountry, String customerEndpoint,
        String customerCountry) {

    private static final XMLInputFactory STAX = XMLInputFactory.newDefaultFactory();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** The postal country of the party whose electronic address is this participant, or null. */
    String countryOf(String participant) {
        String wanted = normalized(participant);
        if (wanted == null) {
            return null;
        }
        if (wanted.equals(supplierEndpoint)) {
            return supplierCountry;
        }
        if (wanted.equals(customerEndpoint)) {
            return customerCountry;
        }
        return null;
    }

    /** Reads what it can; a document it cannot read gives no countries (the caller falls back to a default). */
    static PartyCountries read(byte[] document) {
        String[] found = new String[5];
        try {
            XMLStreamReader xml = STAX.createXMLStreamReader(new ByteArrayInputStream(document));
            Deque<String> path = new ArrayDeque<>();
            String scopeType = null;
            int party = -1; // 1: supplier, 3: customer (index of its endpoint in found)
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    String parent = path.peek();
                    path.push(name);
                    if (name.equals("AccountingSupplierParty")) {
                        party = 1;
                    } else if (name.equals("AccountingCustomerParty")) {
                        party = 3;
                    } else if (name.equals("Type") && "Scope".equals(parent)) {
                        scopeType = xml.getElementText().trim();
                        path.pop();
                    } else if (name.equals("InstanceIdentifier") && "Scope".equals(parent)
                            && "COUNTRY_C1".equals(scopeType) && found[0] == null) {
                        found[0] = xml.getElementText().trim();
                        path.pop();
                    } else if (party > 0 && name.equals("EndpointID") && found[party] == null) {
                        String scheme = xml.getAttributeValue(null, "schemeID");
                        found[party] = normalized(scheme + ":" + xml.getElementText());
                        path.pop();
                    } else if (party > 0 && name.equals("IdentificationCode") && "Country".equals(parent)
                            && isPostalAddress(path) && found[party + 1] == null) {
                        found[party + 1] = xml.getElementText().trim().toUpperCase(Locale.ROOT);
                        path.pop();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    if (name.equals("AccountingSupplierParty") || name.equals("AccountingCustomerParty")) {
                        party = -1;
                    } else if (name.equals("Scope")) {
                        scopeType = null;
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException unreadable) {
            // keep what was found before the problem
        }
        return new PartyCountries(found[0], found[1], found[2], found[3], found[4]);
    }

    /** The path ends Party/PostalAddress/Country/IdentificationCode: the party's own address, not another one. */
    private static boolean isPostalAddress(Deque<String> path) {
        var names = path.iterator();
        names.next(); // IdentificationCode
        names.next(); // Country
        return names.hasNext() && names.next().equals("PostalAddress") && names.hasNext()
                && names.next().equals("Party");
    }

    private static String normalized(String participant) {
        try {
            return participant == null ? null : ParticipantId.parse(participant).toString();
        } catch (IllegalArgumentException notAParticipant) {
            return null;
        }
    }
}
