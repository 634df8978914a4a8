package org.opengateway.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.w3c.dom.Element;

/**
 * A UBL Invoice or CreditNote as read from the submitted bytes, with the fields the gateway tracks.
 * {@code sbdhSender} and {@code sbdhReceiver} are set only when the document came wrapped in a Peppol SBDH;
 * {@code original} holds the submitted bytes.
 */
public record InvoiceDocument(
        byte[] original,
        DocumentKind kind,
        Element ublRoot,
        String invoiceNumber,
        LocalDate issueDate,
        String currency,
        BigDecimal total,
        String customizationId,
        String profileId,
        ParticipantId supplierEndpoint,
        ParticipantId customerEndpoint,
        ParticipantId sbdhSender,
        ParticipantId sbdhReceiver) {

    public boolean wrapped() {
        return sbdhSender != null;
    }

    /** Self-billing: the buyer issues the invoice, so the customer is the sender. */
    public boolean selfBilling() {
        return customizationId != null && customizationId.contains(":selfbilling:");
    }

    public ParticipantId sender() {
        if (sbdhSender != null) {
            return sbdhSender;
        }
        return selfBilling() ? customerEndpoint : supplierEndpoint;
    }

    public ParticipantId receiver() {
        if (sbdhReceiver != null) {
            return sbdhReceiver;
        }
        return selfBilling() ? supplierEndpoint : customerEndpoint;
    }

    /**
     * The country of the party that sends the document (the supplier, or the customer of a self-billing invoice), from
     * its postal address; null when the document does not say.
     */
    public String senderCountry() {
        Element party = party(senderRole());
        for (String step : new String[] {"PostalAddress", "Country"}) {
            party = party == null ? null : DocumentReader.child(party, DocumentReader.CAC, step);
        }
        return text(party, "IdentificationCode");
    }

    /** The name of the party that sends the document (its trading name, else its registered name); null when none. */
    public String senderName() {
        return partyName(senderRole());
    }

    /** The name of the party the document is for (its trading name, else its registered name); null when none. */
    public String receiverName() {
        return partyName(selfBilling() ? "AccountingSupplierParty" : "AccountingCustomerParty");
    }

    private String senderRole() {
        return selfBilling() ? "AccountingCustomerParty" : "AccountingSupplierParty";
    }

    private String partyName(String role) {
        Element party = party(role);
        Element partyName = party == null ? null : DocumentReader.child(party, DocumentReader.CAC, "PartyName");
        String name = text(partyName, "Name");
        if (name == null) {
            Element legal = party == null ? null : DocumentReader.child(party, DocumentReader.CAC, "PartyLegalEntity");
            name = text(legal, "RegistrationName");
        }
        return name;
    }

    /** The cac:Party of the role (AccountingSupplierParty, AccountingCustomerParty); null when missing. */
    private Element party(String role) {
        Element holder = DocumentReader.child(ublRoot, DocumentReader.CAC, role);
        return holder == null ? null : DocumentReader.child(holder, DocumentReader.CAC, "Party");
    }

    private static String text(Element parent, String cbcName) {
        Element element = parent == null ? null : DocumentReader.child(parent, DocumentReader.CBC, cbcName);
        String text = element == null ? "" : element.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }
}
