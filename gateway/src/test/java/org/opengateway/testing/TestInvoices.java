package org.opengateway.testing;

import java.nio.charset.StandardCharsets;

/**
 * Invoices written for these tests (not copied from anywhere): a Peppol BIS Billing 3.0 invoice between two
 * Swedish companies, and variants of it.
 */
public final class TestInvoices {

    public static final String BILLING = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
    public static final String SELF_BILLING =
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0";

    private TestInvoices() {
    }

    /** A valid invoice from {@code supplier} to {@code customer}, both written "0007:5567321707". */
    public static String invoice(String number, String supplier, String customer) {
        return document("Invoice", BILLING, number, supplier, customer, "");
    }

    public static byte[] invoiceBytes(String number, String supplier, String customer) {
        return invoice(number, supplier, customer).getBytes(StandardCharsets.UTF_8);
    }

    public static String creditNote(String number, String supplier, String customer) {
        return document("CreditNote", BILLING, number, supplier, customer, "");
    }

    /** A self-billing invoice: issued by the customer, so the customer is the sender. */
    public static String selfBilled(String number, String supplier, String customer) {
        return document("Invoice", SELF_BILLING, number, supplier, customer, "");
    }

    /** Fails the UBL schema: an element UBL does not know, placed among the header fields. */
    public static String schemaInvalid(String number, String supplier, String customer) {
        return document("Invoice", BILLING, number, supplier, customer, "<cbc:ColourOfPaper>pink</cbc:ColourOfPaper>");
    }

    /** The invoice wrapped in a Peppol Standard Business Document with the given SBDH sender and receiver. */
    public static String inSbdh(String ublDocument, String sbdhSender, String sbdhReceiver) {
        String body = ublDocument.replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">
                  <StandardBusinessDocumentHeader>
                    <HeaderVersion>1.0</HeaderVersion>
                    <Sender><Identifier Authority="iso6523-actorid-upis">%s</Identifier></Sender>
                    <Receiver><Identifier Authority="iso6523-actorid-upis">%s</Identifier></Receiver>
                    <DocumentIdentification>
                      <Standard>urn:oasis:names:specification:ubl:schema:xsd:Invoice-2</Standard>
                      <TypeVersion>2.1</TypeVersion>
                      <InstanceIdentifier>4a1e6c1e-52b4-4bd5-9d0d-3b7f0f4e0c11</InstanceIdentifier>
                      <Type>Invoice</Type>
                      <CreationDateAndTime>2026-11-20T10:00:00Z</CreationDateAndTime>
                    </DocumentIdentification>
                  </StandardBusinessDocumentHeader>
                %s
                </StandardBusinessDocument>
                """.formatted(sbdhSender, sbdhReceiver, body);
    }

    /** The one VAT category of the invoice's single line of 1000.00 SEK. */
    public record Vat(String category, String percent, String exemptionReason) {
        public static final Vat STANDARD = new Vat("S", "25", null);

        String taxAmount() {
            return new java.math.BigDecimal("10.00").multiply(new java.math.BigDecimal(percent))
                    .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        }

        String taxInclusive() {
            return new java.math.BigDecimal("1000.00").add(new java.math.BigDecimal(taxAmount())).toPlainString();
        }
    }

    /** A valid-looking invoice with the given VAT category; whether it is valid depends on the category's rules. */
    public static String invoiceWithVat(String number, String supplier, String customer, Vat vat) {
        return document("Invoice", BILLING, number, supplier, customer, "", vat);
    }

    private static String document(String kind, String customization, String number, String supplier,
            String customer, String extraHeader) {
        return document(kind, customization, number, supplier, customer, extraHeader, Vat.STANDARD);
    }

    private static String document(String kind, String customization, String number, String supplier,
            String customer, String extraHeader, Vat vat) {
        String[] s = supplier.split(":", 2);
        String[] c = customer.split(":", 2);
        boolean invoice = kind.equals("Invoice");
        String typeCode = invoice
                ? "<cbc:InvoiceTypeCode>" + (customization.equals(SELF_BILLING) ? "389" : "380") + "</cbc:InvoiceTypeCode>"
                : "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>";
        String line = invoice ? "InvoiceLine" : "CreditNoteLine";
        String quantity = invoice ? "InvoicedQuantity" : "CreditedQuantity";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <%1$s xmlns="urn:oasis:names:specification:ubl:schema:xsd:%1$s-2"
                    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
                  <cbc:CustomizationID>%2$s</cbc:CustomizationID>
                  <cbc:ProfileID>%17$s</cbc:ProfileID>
                  <cbc:ID>%3$s</cbc:ID>
                  <cbc:IssueDate>2026-11-20</cbc:IssueDate>
                  %4$s
                  %5$s
                  <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>
                  <cbc:BuyerReference>PO-4711</cbc:BuyerReference>
                  <cac:AccountingSupplierParty>
                    <cac:Party>
                      <cbc:EndpointID schemeID="%6$s">%7$s</cbc:EndpointID>
                      <cac:PartyName><cbc:Name>Nordlys Konsult AB</cbc:Name></cac:PartyName>
                      <cac:PostalAddress>
                        <cbc:StreetName>Storgatan 1</cbc:StreetName>
                        <cbc:CityName>Stockholm</cbc:CityName>
                        <cbc:PostalZone>11122</cbc:PostalZone>
                        <cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country>
                      </cac:PostalAddress>
                      <cac:PartyTaxScheme>
                        <cbc:CompanyID>SE%7$s01</cbc:CompanyID>
                        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
                      </cac:PartyTaxScheme>
                      <cac:PartyLegalEntity>
                        <cbc:RegistrationName>Nordlys Konsult AB</cbc:RegistrationName>
                        <cbc:CompanyID schemeID="0007">%7$s</cbc:CompanyID>
                      </cac:PartyLegalEntity>
                    </cac:Party>
                  </cac:AccountingSupplierParty>
                  <cac:AccountingCustomerParty>
                    <cac:Party>
                      <cbc:EndpointID schemeID="%8$s">%9$s</cbc:EndpointID>
                      <cac:PartyName><cbc:Name>Fjällbacka Bygg AB</cbc:Name></cac:PartyName>
                      <cac:PostalAddress>
                        <cbc:StreetName>Hamngatan 7</cbc:StreetName>
                        <cbc:CityName>Göteborg</cbc:CityName>
                        <cbc:PostalZone>41106</cbc:PostalZone>
                        <cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country>
                      </cac:PostalAddress>
                      <cac:PartyTaxScheme>
                        <cbc:CompanyID>SE%9$s01</cbc:CompanyID>
                        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
                      </cac:PartyTaxScheme>
                      <cac:PartyLegalEntity>
                        <cbc:RegistrationName>Fjällbacka Bygg AB</cbc:RegistrationName>
                        <cbc:CompanyID schemeID="0007">%9$s</cbc:CompanyID>
                      </cac:PartyLegalEntity>
                    </cac:Party>
                  </cac:AccountingCustomerParty>
                  <cac:PaymentMeans>
                    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
                    <cac:PayeeFinancialAccount><cbc:ID>SE4550000000058398257466</cbc:ID></cac:PayeeFinancialAccount>
                  </cac:PaymentMeans>
                  <cac:TaxTotal>
                    <cbc:TaxAmount currencyID="SEK">%14$s</cbc:TaxAmount>
                    <cac:TaxSubtotal>
                      <cbc:TaxableAmount currencyID="SEK">1000.00</cbc:TaxableAmount>
                      <cbc:TaxAmount currencyID="SEK">%14$s</cbc:TaxAmount>
                      <cac:TaxCategory>
                        <cbc:ID>%12$s</cbc:ID>
                        <cbc:Percent>%13$s</cbc:Percent>%16$s
                        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
                      </cac:TaxCategory>
                    </cac:TaxSubtotal>
                  </cac:TaxTotal>
                  <cac:LegalMonetaryTotal>
                    <cbc:LineExtensionAmount currencyID="SEK">1000.00</cbc:LineExtensionAmount>
                    <cbc:TaxExclusiveAmount currencyID="SEK">1000.00</cbc:TaxExclusiveAmount>
                    <cbc:TaxInclusiveAmount currencyID="SEK">%15$s</cbc:TaxInclusiveAmount>
                    <cbc:PayableAmount currencyID="SEK">%15$s</cbc:PayableAmount>
                  </cac:LegalMonetaryTotal>
                  <cac:%10$s>
                    <cbc:ID>1</cbc:ID>
                    <cbc:%11$s unitCode="HUR">10</cbc:%11$s>
                    <cbc:LineExtensionAmount currencyID="SEK">1000.00</cbc:LineExtensionAmount>
                    <cac:Item>
                      <cbc:Name>Consulting hour</cbc:Name>
                      <cac:ClassifiedTaxCategory>
                        <cbc:ID>%12$s</cbc:ID>
                        <cbc:Percent>%13$s</cbc:Percent>
                        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
                      </cac:ClassifiedTaxCategory>
                    </cac:Item>
                    <cac:Price><cbc:PriceAmount currencyID="SEK">100.00</cbc:PriceAmount></cac:Price>
                  </cac:%10$s>
                </%1$s>
                """.formatted(kind, customization, number, invoice ? "<cbc:DueDate>2026-12-20</cbc:DueDate>" : "",
                typeCode + extraHeader, s[0], s[1], c[0], c[1], line, quantity, vat.category(), vat.percent(),
                vat.taxAmount(), vat.taxInclusive(), vat.exemptionReason() == null ? ""
                        : "\n            <cbc:TaxExemptionReason>" + vat.exemptionReason() + "</cbc:TaxExemptionReason>",
                customization.equals(SELF_BILLING) ? "urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0"
                        : "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
    }
}
