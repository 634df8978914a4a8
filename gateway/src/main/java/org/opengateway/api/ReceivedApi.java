package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.receiving.ReceivedFilter;
import org.opengateway.receiving.ReceivedPage;
import org.opengateway.receiving.ReceivedStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The invoices a company received from the Peppol network: list, read, fetch and acknowledge them. */
@RestController
@RequestMapping("/api/v1/received")
@Tag(name = "Received invoices")
@SecurityRequirement(name = "apiKey")
public class ReceivedApi {

    private final ReceivedDocuments received;

    public ReceivedApi(ReceivedDocuments received) {
        this.received = received;
    }

    @Operation(summary = "List the invoices your company received, newest first",
            description = "from and to are dates of receipt (YYYY-MM-DD, both included); sender a participant ID"
                    + " such as 0007:5567321707; page counts from 0.")
    @GetMapping
    public ReceivedJson.Page list(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @RequestParam(required = false) ReceivedStatus status,
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ApiProblem.checkPage(page, size);
        ReceivedPage result = received.list(company.id(), new ReceivedFilter(status, sender, from, to), page, size);
        return new ReceivedJson.Page(result.items().stream().map(ReceivedJson.Summary::of).toList(),
                result.page(), result.size(), result.total());
    }

    @Operation(summary = "One received invoice: its fields, status, history and validation findings")
    @GetMapping("/{id}")
    public ReceivedJson.Details get(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @PathVariable UUID id) {
        return received.find(company.id(), id).map(ReceivedJson.Details::of)
                .orElseThrow(() -> notFound(id));
    }

    @Operation(summary = "The document byte for byte as it arrived from the network (the invoice in its SBDH)")
    @GetMapping(value = "/{id}/document", produces = MediaType.APPLICATION_XML_VALUE)
    public byte[] document(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @PathVariable UUID id) {
        return received.content(company.id(), id).orElseThrow(() -> notFound(id));
    }

    @Operation(summary = "Acknowledge that your company has the invoice",
            description = "Moves it to DELIVERED_TO_CUSTOMER. Safe to repeat: a second acknowledgement changes nothing"
                    + " and answers the same.")
    @PostMapping("/{id}/ack")
    public ReceivedJson.Details acknowledge(
            @Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.COMPANY) Company company,
            @PathVariable UUID id) {
        return received.acknowledge(company.id(), id, "Acknowledged over the HTTP API.")
                .map(ReceivedJson.Details::of)
                .orElseThrow(() -> notFound(id));
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("Your company has received no invoice with the id " + id + ".");
    }
}
