package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.opengateway.account.Language;
import org.opengateway.account.SignedIn;
import org.opengateway.company.Company;
import org.opengateway.console.ConsoleTexts;
import org.opengateway.console.SpreadsheetExport;
import org.opengateway.delivery.Deliveries;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.mls.MlsOverdue;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.tracking.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A company's sent and received invoices for the people who look after them (the support console): search, sort and
 * page, export the page shown to Excel, and open one invoice with its history, findings, original and receipt. Who may
 * see which company is decided by {@link CompanyAccess}; what support staff look at is audited by {@link ApiKeyFilter}.
 */
@RestController
@RequestMapping("/api/v1/companies/{companyId}")
@Tag(name = "Invoices of a company (console)")
@SecurityRequirement(name = "apiKey")
public class CompanyInvoicesApi {

    /** The columns a list of sent invoices shows, by the names of the JSON fields of a row. */
    public static final List<String> SENT_COLUMNS = List.of("invoiceNumber", "counterpart", "receiver", "issueDate",
            "receivedAt", "total", "currency", "status", "channel", "documentType");
    /** The columns a list of received invoices shows. */
    public static final List<String> RECEIVED_COLUMNS = List.of("invoiceNumber", "counterpart", "sender", "issueDate",
            "receivedAt", "total", "currency", "status", "documentType", "valid");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final CompanyAccess access;
    private final InvoiceStore invoices;
    private final Deliveries deliveries;
    private final ReceivedDocuments received;
    private final SpreadsheetExport export;
    private final ConsoleTexts texts;
    private final JsonMapper json;
    private final MlsOverdue mls;

    public CompanyInvoicesApi(CompanyAccess access, InvoiceStore invoices, Deliveries deliveries,
            ReceivedDocuments received, SpreadsheetExport export, ConsoleTexts texts, JsonMapper json, MlsOverdue mls) {
        this.access = access;
        this.invoices = invoices;
        this.deliveries = deliveries;
        this.received = received;
        this.export = export;
        this.texts = texts;
        this.json = json;
        this.mls = mls;
    }

    @Operation(summary = "Search the company's sent invoices",
            description = "number: start of the invoice number; counterpart: the receiver's participant ID or a part of"
                    + " its name; from/to: dates of receipt (YYYY-MM-DD, both included); status; channel (FOLDER, API,"
                    + " QUEUE); sort: receivedAt, invoiceNumber, issueDate, counterpart, total, status or channel;"
                    + " dir: asc or desc; size 1 to 500. Paging: after (the 'next' of an answer), before (its"
                    + " 'previous'), last=true for the last page; page (from 0) counts pages from the first, slow far"
                    + " down a long list. total counts up to 10,000; above that totalExact is false.")
    @GetMapping("/invoices")
    public ListPage<InvoiceJson.Summary> sent(@PathVariable UUID companyId,
            @Parameter(hidden = true) @ModelAttribute ListQuery query, HttpServletRequest request) {
        Company company = access.require(request, companyId);
        PageRequest page = query.pageRequest(query.sentOrder());
        return ListPage.of(invoices.browse(company.id(), query.sentFilter(), page), page.size(),
                InvoiceJson.Summary::of);
    }

    @Operation(summary = "The page of sent invoices that the same search shows, as an Excel file",
            description = "The same parameters as the search, and columns: the columns to write, in order, from "
                    + "invoiceNumber, counterpart, receiver, issueDate, receivedAt, total, currency, status, channel,"
                    + " documentType. The header row is in the user's language.")
    @GetMapping("/invoices.xlsx")
    public ResponseEntity<byte[]> sentExport(@PathVariable UUID companyId,
            @Parameter(hidden = true) @ModelAttribute ListQuery query, HttpServletRequest request) {
        List<String> columns = query.columnList(SENT_COLUMNS);
        ListPage<InvoiceJson.Summary> page = sent(companyId, query, request);
        return spreadsheet("sent-invoices", columns, page.items(), request);
    }

    @Operation(summary = "One sent invoice: its fields, history, validation findings and delivery over Peppol")
    @GetMapping("/invoices/{id}")
    public InvoiceJson.Details sentInvoice(@PathVariable UUID companyId, @PathVariable UUID id,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        return invoices.find(company.id(), id)
                .map(details -> InvoiceJson.Details.of(details, deliveries.find(id).orElse(null),
                        mls.forInvoice(id).orElse(null)))
                .orElseThrow(() -> noInvoice(company, id));
    }

    @Operation(summary = "The original of a sent invoice, byte for byte as it was received")
    @GetMapping(value = "/invoices/{id}/document", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<byte[]> sentDocument(@PathVariable UUID companyId, @PathVariable UUID id,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        return download(invoices.original(company.id(), id).orElseThrow(() -> noInvoice(company, id)),
                "invoice-" + id + ".xml");
    }

    @Operation(summary = "The signed AS4 receipt of a delivered invoice; 404 until it is delivered")
    @GetMapping(value = "/invoices/{id}/receipt", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<byte[]> receipt(@PathVariable UUID companyId, @PathVariable UUID id,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        return download(deliveries.receipt(company.id(), id).orElseThrow(() -> ApiProblem.notFound(company.name()
                + " has no delivered invoice with the id " + id + ", so there is no receipt.")), "receipt-" + id + ".xml");
    }

    @Operation(summary = "Search the company's received invoices",
            description = "The same parameters as the sent invoices, but no channel; counterpart is the sender.")
    @GetMapping("/received")
    public ListPage<ReceivedJson.Summary> received(@PathVariable UUID companyId,
            @Parameter(hidden = true) @ModelAttribute ListQuery query, HttpServletRequest request) {
        Company company = access.require(request, companyId);
        PageRequest page = query.pageRequest(query.receivedOrder());
        return ListPage.of(received.browse(company.id(), query.receivedFilter(), page), page.size(),
                ReceivedJson.Summary::of);
    }

    @Operation(summary = "The page of received invoices that the same search shows, as an Excel file",
            description = "columns from invoiceNumber, counterpart, sender, issueDate, receivedAt, total, currency,"
                    + " status, documentType, valid.")
    @GetMapping("/received.xlsx")
    public ResponseEntity<byte[]> receivedExport(@PathVariable UUID companyId,
            @Parameter(hidden = true) @ModelAttribute ListQuery query, HttpServletRequest request) {
        List<String> columns = query.columnList(RECEIVED_COLUMNS);
        ListPage<ReceivedJson.Summary> page = received(companyId, query, request);
        return spreadsheet("received-invoices", columns, page.items(), request);
    }

    @Operation(summary = "One received invoice: its fields, history and validation findings")
    @GetMapping("/received/{id}")
    public ReceivedJson.Details receivedInvoice(@PathVariable UUID companyId, @PathVariable UUID id,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        return received.find(company.id(), id).map(ReceivedJson.Details::of)
                .orElseThrow(() -> noInvoice(company, id));
    }

    @Operation(summary = "A received document byte for byte as it arrived (the invoice in its SBDH)")
    @GetMapping(value = "/received/{id}/document", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<byte[]> receivedDocument(@PathVariable UUID companyId, @PathVariable UUID id,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        return download(received.content(company.id(), id).orElseThrow(() -> noInvoice(company, id)),
                "received-" + id + ".xml");
    }

    /** The rows as the screen shows them: states and yes/no in the user's language, times to the minute (UTC). */
    private ResponseEntity<byte[]> spreadsheet(String name, List<String> columns, List<?> items,
            HttpServletRequest request) {
        Language language = request.getAttribute(ApiKeyFilter.USER) instanceof SignedIn signedIn
                ? signedIn.user().language() : Language.EN;
        Map<String, String> labels = new LinkedHashMap<>();
        columns.forEach(column -> labels.put(column, texts.text(language, "column." + column)));
        Function<Object, Map<String, Object>> row = item -> {
            Map<String, Object> values = new LinkedHashMap<>(json.convertValue(item, Map.class));
            values.computeIfPresent("status", (key, status) -> texts.text(language, "status." + status));
            values.computeIfPresent("valid", (key, valid) -> texts.text(language, "valid." + valid));
            values.computeIfPresent("receivedAt", (key, at) -> OffsetDateTime.parse(at.toString())
                    .withOffsetSameInstant(ZoneOffset.UTC).format(MINUTE));
            return values;
        };
        byte[] workbook = export.write(texts.text(language, "export.sheet"), columns, labels,
                items.stream().map(row).toList());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".xlsx").build().toString())
                .contentType(MediaType.parseMediaType(SpreadsheetExport.MEDIA_TYPE))
                .body(workbook);
    }

    private static ResponseEntity<byte[]> download(byte[] content, String fileName) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .contentType(MediaType.APPLICATION_XML)
                .body(content);
    }

    private static ApiProblem noInvoice(Company company, UUID id) {
        return ApiProblem.notFound(company.name() + " has no invoice with the id " + id + ". Search the company's"
                + " lists for it.");
    }
}
