package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.config.GatewayProperties;
import org.opengateway.document.Sha256;
import org.opengateway.intake.IntakeResult;
import org.opengateway.delivery.Deliveries;
import org.opengateway.intake.IntakeService;
import org.opengateway.intake.OversizedOriginals;
import org.opengateway.intake.Submission;
import org.opengateway.intake.SubmissionAnswers;
import org.opengateway.intake.SubmissionAnswers.Answer;
import org.opengateway.mls.MlsOverdue;
import org.opengateway.tracking.Channel;
import org.opengateway.tracking.InvoiceFilter;
import org.opengateway.tracking.InvoicePage;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.InvoiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP channel for ERP systems: submit invoices, and follow them. */
@RestController
@RequestMapping("/api/v1/invoices")
@Tag(name = "Invoices")
@SecurityRequirement(name = "apiKey")
public class InvoiceApi {

    private final IntakeService intake;
    private final InvoiceStore invoices;
    private final IdempotencyKeys idempotencyKeys;
    private final SubmissionAnswers answers;
    private final OversizedOriginals oversized;
    private final Deliveries deliveries;
    private final long maxDocumentSize;
    private final MlsOverdue mls;

    public InvoiceApi(IntakeService intake, InvoiceStore invoices, Deliveries deliveries,
            IdempotencyKeys idempotencyKeys, SubmissionAnswers answers, OversizedOriginals oversized,
            GatewayProperties properties, MlsOverdue mls) {
        this.intake = intake;
        this.invoices = invoices;
        this.deliveries = deliveries;
        this.idempotencyKeys = idempotencyKeys;
        this.answers = answers;
        this.oversized = oversized;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
        this.mls = mls;
    }

    @Operation(summary = "Submit a UBL Invoice or CreditNote, bare or in a Peppol SBDH",
            description = "Stores the original, validates it and answers 202 with the invoice id, or 422 with every"
                    + " finding. A repeat with the same Idempotency-Key (kept 24 hours) gets the first answer back.",
            requestBody = @RequestBody(content = @Content(mediaType = "application/xml")))
    @PostMapping(produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public ResponseEntity<String> submit(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request) throws IOException {
        BoundedBody body = BoundedBody.read(request.getInputStream(), maxDocumentSize);
        if (body.oversized()) {
            IntakeResult result = oversized.refuse(new Submission(Channel.API, company, body.bytesOrPrefix(), null),
                    request.getInputStream());
            return respond(413, answers.tooLarge(result).json(), result.id());
        }
        byte[] content = body.bytesOrPrefix();
        String requestSha256 = Sha256.hex(content);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            var earlier = idempotencyKeys.find(company.id(), idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestSha256, idempotencyKey);
            }
        }
        IntakeResult result = intake.submit(new Submission(Channel.API, company, content, null));
        Answer answer = answers.of(result);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            var stored = idempotencyKeys.remember(company.id(), idempotencyKey,
                    new IdempotencyKeys.Answer(requestSha256, answer.status(), answer.json(), result.id()));
            return replay(stored, requestSha256, idempotencyKey);
        }
        return respond(answer.status(), answer.json(), result.id());
    }

    private ResponseEntity<String> replay(IdempotencyKeys.Answer stored, String requestSha256, String key) {
        if (!stored.requestSha256().equals(requestSha256)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Idempotency-Key reused with another document",
                    "The Idempotency-Key '" + key + "' was used before with a different document. Use a new key for"
                            + " a new document, or send the same document to get the first answer again.");
        }
        return respond(stored.status(), stored.body(), stored.invoiceId());
    }

    private static ResponseEntity<String> respond(int status, String json, UUID id) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .contentType(status >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (id != null) {
            builder.location(URI.create("/api/v1/invoices/" + id));
        }
        return builder.body(json);
    }

    @Operation(summary = "One invoice: its status, fields, history, validation findings and delivery over Peppol")
    @GetMapping("/{id}")
    public InvoiceJson.Details get(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @PathVariable UUID id) {
        return invoices.find(company.id(), id)
                .map(details -> InvoiceJson.Details.of(details, deliveries.find(id).orElse(null),
                        mls.forInvoice(id).orElse(null)))
                .orElseThrow(() -> ApiProblem.notFound("Your company has no invoice with the id " + id + "."));
    }

    @Operation(summary = "The signed AS4 receipt of a delivered invoice, as the receiving access point sent it",
            description = "The proof of delivery: the receiving access point's signed receipt (a SOAP envelope with"
                    + " an ebMS Receipt, signed with its certificate). 404 until the invoice is delivered.")
    @GetMapping(value = "/{id}/receipt", produces = MediaType.APPLICATION_XML_VALUE)
    public byte[] receipt(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @PathVariable UUID id) {
        return deliveries.receipt(company.id(), id)
                .orElseThrow(() -> ApiProblem.notFound("Your company has no delivered invoice with the id " + id
                        + ", so there is no receipt."));
    }

    @Operation(summary = "The original document, byte for byte as it was received")
    @GetMapping(value = "/{id}/document", produces = MediaType.APPLICATION_XML_VALUE)
    public byte[] original(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @PathVariable UUID id) {
        return invoices.original(company.id(), id)
                .orElseThrow(() -> ApiProblem.notFound("Your company has no stored document for the id " + id + "."));
    }

    @Operation(summary = "List your company's invoices, newest first",
            description = "from and to are dates of receipt (YYYY-MM-DD, both included); page counts from 0.")
    @GetMapping
    public InvoiceJson.Page list(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @RequestParam(required = false) InvoiceStatus status,
            @RequestParam(required = false) String receiver,
            @RequestParam(required = false) String invoiceNumber,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ApiProblem.checkPage(page, size);
        InvoicePage result = invoices.list(company.id(),
                new InvoiceFilter(status, receiver, invoiceNumber, from, to), page, size);
        return new InvoiceJson.Page(result.items().stream().map(InvoiceJson.Summary::of).toList(),
                result.page(), result.size(), result.total());
    }
}
