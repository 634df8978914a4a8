package org.opengateway.support;

import java.util.ArrayList;
import java.util.List;
import org.opengateway.document.DocumentKind;
import org.opengateway.document.DocumentReader;
import org.opengateway.document.InvoiceDocument;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A readable HTML page of a UBL Invoice or CreditNote (bare or in its SBDH): parties, dates, references, notes, lines,
 * VAT, totals and payment means. Every text from the document is HTML-escaped, so markup in it is shown, never run.
 */
@Component
public class InvoiceRendering {

    private final DocumentReader reader;

    public InvoiceRendering(DocumentReader reader) {
        this.reader = reader;
    }

    public String render(byte[] original) {
        InvoiceDocument document = reader.read(original);
        Element root = document.ublRoot();
        boolean creditNote = document.kind() == DocumentKind.CREDIT_NOTE;
        String title = (creditNote ? "Credit note " : "Invoice ") + value(root, "ID");
        Page page = new Page(title);
        page.facts("Dates and references", List.of(
                fact("Issue date", value(root, "IssueDate")),
                fact("Due date", firstOf(value(root, "DueDate"), value(root, "PaymentMeans/PaymentDueDate"))),
                fact("Delivery date", value(root, "Delivery/ActualDeliveryDate")),
                fact("Currency", value(root, "DocumentCurrencyCode")),
                fact("Buyer reference", value(root, "BuyerReference")),
                fact("Order", value(root, "OrderReference/ID")),
                fact("Contract", value(root, "ContractDocumentReference/ID")),
                fact("Project", value(root, "ProjectReference/ID"))));
        page.party("Seller", first(root, "AccountingSupplierParty/Party"));
        page.party("Buyer", first(root, "AccountingCustomerParty/Party"));
        page.list("Notes", values(root, "Note"));
        page.lines(all(root, creditNote ? "CreditNoteLine" : "InvoiceLine"), creditNote);
        page.vat(all(first(root, "TaxTotal"), "TaxSubtotal"));
        Element totals = first(root, "LegalMonetaryTotal");
        page.facts("Totals", List.of(
                fact("Lines", value(totals, "LineExtensionAmount")),
                fact("Allowances", value(totals, "AllowanceTotalAmount")),
                fact("Charges", value(totals, "ChargeTotalAmount")),
                fact("Without VAT", value(totals, "TaxExclusiveAmount")),
                fact("VAT", value(first(root, "TaxTotal"), "TaxAmount")),
                fact("With VAT", value(totals, "TaxInclusiveAmount")),
                fact("Paid in advance", value(totals, "PrepaidAmount")),
                fact("To pay", value(totals, "PayableAmount"))));
        for (Element means : all(root, "PaymentMeans")) {
            page.facts("Payment", List.of(
                    fact("Means (UNCL4461 code)", value(means, "PaymentMeansCode")),
                    fact("Payment reference", value(means, "PaymentID")),
                    fact("Account", value(means, "PayeeFinancialAccount/ID")),
                    fact("Account name", value(means, "PayeeFinancialAccount/Name")),
                    fact("Bank (BIC)", value(means, "PayeeFinancialAccount/FinancialInstitutionBranch/ID"))));
        }
        page.list("Payment terms", values(root, "PaymentTerms/Note"));
        return page.html();
    }

    private record Fact(String label, String value) {
    }

    private static Fact fact(String label, String value) {
        return new Fact(label, value);
    }

    /** The page being written; every value goes through {@link #escape}. */
    private static final class Page {

        private final StringBuilder html = new StringBuilder();

        Page(String title) {
            html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                    .append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
                            + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;"
                            + "text-align:left}td.n{text-align:right}</style></head><body><h1>").append(escape(title))
                    .append("</h1>\n");
        }

        void facts(String heading, List<Fact> facts) {
            List<Fact> given = facts.stream().filter(f -> f.value() != null).toList();
            if (given.isEmpty()) {
                return;
            }
            html.append("<h2>").append(escape(heading)).append("</h2><dl>");
            for (Fact fact : given) {
                html.append("<dt>").append(escape(fact.label())).append("</dt><dd>").append(escape(fact.value()))
                        .append("</dd>");
            }
            html.append("</dl>\n");
        }

        void party(String heading, Element party) {
            if (party == null) {
                return;
            }
            Element address = first(party, "PostalAddress");
            String place = join(" ", value(address, "PostalZone"), value(address, "CityName"));
            facts(heading, List.of(
                    fact("Name", firstOf(value(party, "PartyLegalEntity/RegistrationName"),
                            value(party, "PartyName/Name"))),
                    fact("Peppol address", endpoint(party)),
                    fact("Address", join(", ", value(address, "StreetName"), value(address, "AdditionalStreetName"),
                            place, value(address, "Country/IdentificationCode"))),
                    fact("VAT number", value(party, "PartyTaxScheme/CompanyID")),
                    fact("Organisation number", value(party, "PartyLegalEntity/CompanyID")),
                    fact("Contact", join(", ", value(party, "Contact/Name"), value(party, "Contact/Telephone"),
                            value(party, "Contact/ElectronicMail")))));
        }

        void list(String heading, List<String> items) {
            if (items.isEmpty()) {
                return;
            }
            html.append("<h2>").append(escape(heading)).append("</h2><ul>");
            items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>"));
            html.append("</ul>\n");
        }

        void lines(List<Element> lines, boolean creditNote) {
            html.append("<h2>Lines</h2><table><tr><th>#</th><th>Item</th><th>Quantity</th><th>Unit</th>"
                    + "<th>Price</th><th>VAT %</th><th>Amount</th></tr>");
            for (Element line : lines) {
                Element quantity = first(line, creditNote ? "CreditedQuantity" : "InvoicedQuantity");
                row(value(line, "ID"), join(" - ", value(line, "Item/Name"), value(line, "Item/Description")),
                        text(quantity), quantity == null ? null : quantity.getAttribute("unitCode"),
                        value(line, "Price/PriceAmount"), value(line, "Item/ClassifiedTaxCategory/Percent"),
                        value(line, "LineExtensionAmount"));
            }
            html.append("</table>\n");
        }

        void vat(List<Element> subtotals) {
            if (subtotals.isEmpty()) {
                return;
            }
            html.append("<h2>VAT</h2><table><tr><th>Category</th><th>Rate %</th><th>Taxable</th><th>VAT</th></tr>");
            for (Element subtotal : subtotals) {
                row(value(subtotal, "TaxCategory/ID"), value(subtotal, "TaxCategory/Percent"),
                        value(subtotal, "TaxableAmount"), value(subtotal, "TaxAmount"));
            }
            html.append("</table>\n");
        }

        private void row(String... cells) {
            html.append("<tr>");
            for (int i = 0; i < cells.length; i++) {
                html.append(i == 0 || i == 1 && cells.length > 4 ? "<td>" : "<td class=\"n\">")
                        .append(cells[i] == null ? "" : escape(cells[i])).append("</td>");
            }
            html.append("</tr>");
        }

        String html() {
            return html.append("</body></html>\n").toString();
        }
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String endpoint(Element party) {
        Element endpoint = first(party, "EndpointID");
        return endpoint == null ? null : join(":", endpoint.getAttribute("schemeID"), text(endpoint));
    }

    /** The first element along a path of local names, such as {@code "PostalAddress/Country"}; null if none. */
    private static Element first(Element from, String path) {
        List<Element> found = all(from, path);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> all(Element from, String path) {
        List<Element> level = from == null ? List.of() : List.of(from);
        for (String step : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element element : level) {
                for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element child && step.equals(child.getLocalName())) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    private static String value(Element from, String path) {
        return text(first(from, path));
    }

    private static List<String> values(Element from, String path) {
        return all(from, path).stream().map(InvoiceRendering::text).filter(t -> t != null).toList();
    }

    private static String text(Element element) {
        String text = element == null ? "" : element.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }

    private static String join(String separator, String... parts) {
        List<String> given = java.util.Arrays.stream(parts).filter(p -> p != null && !p.isEmpty()).toList();
        return given.isEmpty() ? null : String.join(separator, given);
    }
}
