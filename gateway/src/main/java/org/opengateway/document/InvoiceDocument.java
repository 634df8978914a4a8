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
        Element party = DocumentReader.child(ublRoot, DocumentReader.CAC,
                selfBilling() ? "AccountingCustomerParty" : "AccountingSupplierParty");
        for (String step : new String[] {"Party", "PostalAddress", "Country"}) {
            party = party == null ? null : DocumentReader.child(party, DocumentReader.CAC, step);
        }
        Element code = party == null ? null : DocumentReader.child(party, DocumentReader.CBC, "IdentificationCode");
        String text = code == null ? "" : code.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }
}
