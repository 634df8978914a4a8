package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.directory.RecipientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A company's registration as a receiver in the Peppol network: in our SMP and in the SML. */
@RestController
@RequestMapping("/api/v1/companies/{companyId}/recipient")
@Tag(name = "Recipient registration")
@SecurityRequirement(name = "apiKey")
public class RecipientApi {

    /** What to register; every field may be left out (the company's participant IDs, the billing document types). */
    public record Request(List<String> participants, List<RecipientRegistry.DocumentType> documentTypes) {
    }

    private final RecipientRegistry registry;
    private final CompanyAccess access;

    public RecipientApi(RecipientRegistry registry, CompanyAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @Operation(summary = "Register the company as a receiver, or change its registration",
            description = "participants: Peppol participant IDs such as 0007:5567321707 (default: the company's own);"
                    + " documentTypes: [{documentType, process}] of the Peppol code lists (default: Peppol BIS Billing"
                    + " 3.0 invoice and credit note). Participant IDs no longer named are removed.")
    @PutMapping
    public RecipientRegistry.Registration register(HttpServletRequest http, @PathVariable UUID companyId,
            @RequestBody(required = false) Request request) {
        Company company = access.require(http, companyId);
        Request body = request == null ? new Request(null, null) : request;
        try {
            return registry.register(company, body.participants(), body.documentTypes());
        } catch (RecipientRegistry.Refused e) {
            throw problem(e);
        }
    }

    @Operation(summary = "The company's registration as a receiver")
    @GetMapping
    public RecipientRegistry.Registration get(HttpServletRequest http, @PathVariable UUID companyId) {
        Company company = access.require(http, companyId);
        return registry.current(company).orElseThrow(() -> ApiProblem.notFound(notRegistered(company)));
    }

    @Operation(summary = "Stop receiving: remove the registration from our SMP and the SML")
    @DeleteMapping
    public ResponseEntity<Void> remove(HttpServletRequest http, @PathVariable UUID companyId) {
        Company company = access.require(http, companyId);
        try {
            if (!registry.remove(company)) {
                throw ApiProblem.notFound(notRegistered(company));
            }
        } catch (RecipientRegistry.Refused e) {
            throw problem(e);
        }
        return ResponseEntity.noContent().build();
    }

    private static String notRegistered(Company company) {
        return "The company " + company.name() + " is not registered as a receiver. Register it with PUT on this"
                + " address.";
    }

    private static ApiProblem problem(RecipientRegistry.Refused e) {
        return switch (e.kind()) {
            case BAD_INPUT -> ApiProblem.badRequest(e.getMessage());
            case CONFLICT -> new ApiProblem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
            case SML_FAILED -> new ApiProblem(HttpStatus.BAD_GATEWAY, "SML failed", e.getMessage()
                    + " Nothing was changed.");
        };
    }
}
