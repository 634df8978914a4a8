package org.opengateway.support;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.opengateway.api.CompanyAccess;
import org.opengateway.company.Company;
import org.opengateway.config.GatewayProperties;
import org.opengateway.intake.IntakeResult;
import org.opengateway.intake.SubmissionAnswers;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.tracking.InvoiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Support for one company's invoices: why one was not delivered, the fixes (resend, correct the recipient, replace,
 * cancel), the original and a readable rendering. The company's users and API keys may use it for their company;
 * support staff for every company, and everything they do is audited.
 */
@RestController
@RequestMapping("/api/v1/companies/{companyId}")
@Tag(name = "Support")
@SecurityRequirement(name = "apiKey")
public class SupportApi {

    /** The corrected Peppol address of the recipient. */
    public record RecipientRequest(String participant) {
    }

    /** Why the invoice is cancelled; kept in its history. */
    public record CancelRequest(String reason) {
    }

    private final CompanyAccess access;
    private final Diagnoses diagnoses;
    private final SupportActions actions;
    private final InvoiceStore invoices;
    private final ReceivedDocuments received;
    private final InvoiceRendering rendering;
    private final SubmissionAnswers answers;
    private final long maxDocumentSize;

    public SupportApi(CompanyAccess access, Diagnoses diagnoses, SupportActions actions, InvoiceStore invoices,
            ReceivedDocuments received, InvoiceRendering rendering, SubmissionAnswers answers,
            GatewayProperties properties) {
        this.access = access;
        this.diagnoses = diagnoses;
        this.actions = actions;
        this.invoices = invoices;
        this.received = received;
        this.rendering = rendering;
        this.answers = answers;
        this.maxDocumentSize = properties.intake().maxDocumentSize().toBytes();
    }

    @Operation(summary = "Why the invoice was not delivered, in plain words, and the fixes that make sense now",
            description = "reason is one of RECIPIENT_NOT_REGISTERED, DOCUMENT_TYPE_NOT_ACCEPTED,"
                    + " ACCESS_POINT_UNREACHABLE, REJECTED_BY_RECEIVER, REJECTED_BY_VALIDATION (with the findings),"
                    + " NOT_SENT_BY_GATEWAY, UNKNOWN, or null when nothing is wrong. The explanation is in the"
                    + " user's language (Swedish, English, Icelandic, Finnish or Danish). Each fix names the call that applies it.")
    @GetMapping("/invoices/{id}/diagnosis")
    public Diagnosis diagnosis(HttpServletRequest http, @PathVariable UUID companyId, @PathVariable UUID id) {
        Company company = access.require(http, companyId);
        return diagnoses.of(company.id(), id, Actor.of(http, company).language()).orElseThrow(() -> notFound(id));
    }

    @Operation(summary = "Send the invoice again: an undelivered one, or one waiting for its next attempt (send now)",
            description = "The same invoice, with new attempts in its history; the same AS4 message ID and SBDH,"
                    + " so a receiver that got an earlier attempt keeps one copy. 409 when the state does not allow it.")
    @PostMapping("/invoices/{id}/resend")
    public Diagnosis resend(HttpServletRequest http, @PathVariable UUID companyId, @PathVariable UUID id) {
        Company company = access.requireForSupportAction(http, companyId);
        Actor actor = Actor.of(http, company);
        actions.resend(company, id, actor);
        return diagnoses.of(company.id(), id, actor.language()).orElseThrow();
    }

    @Operation(summary = "Correct the recipient's Peppol address and send it there",
            description = "{\"participant\": \"0007:5567321707\"}. The history records the old and the new address.")
    @PostMapping("/invoices/{id}/recipient")
    public Diagnosis recipient(HttpServletRequest http, @PathVariable UUID companyId, @PathVariable UUID id,
            @RequestBody(required = false) RecipientRequest request) {
        Company company = access.requireForSupportAction(http, companyId);
        Actor actor = Actor.of(http, company);
        actions.correctRecipient(company, id, request == null ? null : request.participant(), actor);
        return diagnoses.of(company.id(), id, actor.language()).orElseThrow();
    }

    @Operation(summary = "Upload a corrected document in place of the invoice",
            description = "The raw XML, as for POST /api/v1/invoices. It is validated as a new invoice: accepted"
                    + " (202), it replaces the old one, which becomes REPLACED; rejected (422, with every finding), it"
                    + " is kept as a rejected invoice of its own and the old one stays as it was.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(mediaType = "application/xml")))
    @PostMapping(value = "/invoices/{id}/replacement",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public ResponseEntity<String> replacement(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable UUID id) throws IOException {
        Company company = access.requireForSupportAction(http, companyId);
        byte[] document = http.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxDocumentSize + 1));
        if (document.length > maxDocumentSize) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Too large", "The corrected document is larger than"
                    + " the largest document the gateway takes (" + maxDocumentSize + " bytes). Make it smaller.");
        }
        IntakeResult result = actions.replace(company, id, document, Actor.of(http, company));
        SubmissionAnswers.Answer answer = answers.of(result);
        return ResponseEntity.status(answer.status())
                .contentType(answer.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .location(URI.create("/api/v1/invoices/" + result.id()))
                .body(answer.json());
    }

    @Operation(summary = "Cancel the invoice: it is never sent", description = "{\"reason\": \"...\"}, kept in its"
            + " history. Refused (409) while an attempt is under way, and for a delivered invoice.")
    @PostMapping("/invoices/{id}/cancel")
    public Diagnosis cancel(HttpServletRequest http, @PathVariable UUID companyId, @PathVariable UUID id,
            @RequestBody(required = false) CancelRequest request) {
        Company company = access.requireForSupportAction(http, companyId);
        Actor actor = Actor.of(http, company);
        actions.cancel(company, id, request == null ? null : request.reason(), actor);
        return diagnoses.of(company.id(), id, actor.language()).orElseThrow();
    }

    @Operation(summary = "A readable HTML page of the invoice, from its original")
    @GetMapping(value = "/invoices/{id}/rendering", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> rendering(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable UUID id) {
        Company company = access.require(http, companyId);
        return html(rendering.render(invoices.original(company.id(), id).orElseThrow(() -> notFound(id))));
    }

    @Operation(summary = "A readable HTML page of an invoice the company received from the network")
    @GetMapping(value = "/received/{id}/rendering", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> receivedRendering(HttpServletRequest http, @PathVariable UUID companyId,
            @PathVariable UUID id) {
        Company company = access.require(http, companyId);
        return html(rendering.render(received.content(company.id(), id).orElseThrow(() -> ApiProblem.notFound(
                "This company has received no invoice with the id " + id + "."))));
    }

    /** The page may show nothing from elsewhere and run no script, whatever the document holds. */
    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(page);
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("This company has no invoice with the id " + id + ".");
    }
}
