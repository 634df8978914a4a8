package org.opengateway.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.opengateway.api.ApiKeyFilter;
import org.opengateway.api.ApiProblem;
import org.opengateway.api.CompanyAccess;
import org.opengateway.company.ApiKeyInfo;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.company.IssuedApiKey;
import org.opengateway.document.ParticipantId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The companies a caller acts for, registering another one, and each company's API keys. */
@RestController
@RequestMapping("/api/v1/companies")
@Tag(name = "Companies")
@SecurityRequirement(name = "apiKey")
public class CompaniesApi {

    private final CompanyDirectory companies;
    private final CompanyGrants grants;
    private final CompanyRegistration registration;
    private final CompanyAccess access;

    public CompaniesApi(CompanyDirectory companies, CompanyGrants grants, CompanyRegistration registration,
            CompanyAccess access) {
        this.companies = companies;
        this.grants = grants;
        this.registration = registration;
        this.access = access;
    }

    public record CompanyView(UUID id, String name, String orgNumber, String country, List<String> participants) {
    }

    public record CompanyList(List<CompanyView> items) {
    }

    public record ApiKeyRequest(String label) {
    }

    /** The new key's {@code key} is shown in this answer only. */
    public record NewApiKey(UUID id, String label, String key, String lastFour, OffsetDateTime createdAt) {
    }

    public record ApiKeyList(List<ApiKeyInfo> items) {
    }

    @Operation(summary = "The companies you may act for",
            description = "A user: the companies granted to them (support staff: every company); an API key: its own.")
    @GetMapping
    public CompanyList list(HttpServletRequest request) {
        if (request.getAttribute(ApiKeyFilter.COMPANY) instanceof Company company) {
            return new CompanyList(List.of(view(company)));
        }
        User user = SignedIn.of(request).user();
        List<Company> visible = user.support() ? companies.all()
                : grants.companiesOf(user.id()).stream().flatMap(id -> companies.findById(id).stream()).toList();
        return new CompanyList(visible.stream().map(this::view).toList());
    }

    @Operation(summary = "Register a further company under your account",
            description = "name, orgNumber (checked against the country's register format and check digit), country"
                    + " (ISO 3166, e.g. SE) and participants (Peppol participant IDs such as 0007:5567321707). You"
                    + " become its administrator.")
    @PostMapping
    public ResponseEntity<CompanyView> register(@RequestBody(required = false) CompanyRegistration.NewCompany body,
            HttpServletRequest request) {
        if (body == null) {
            throw ApiProblem.badRequest("Send the company as JSON: {\"name\", \"orgNumber\", \"country\", \"participants\"}.");
        }
        Company company = registration.register(SignedIn.of(request).user(), body);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + company.id())).body(view(company));
    }

    @Operation(summary = "Make an API key for the company", description = "The key is in this answer only; only its"
            + " hash is stored. It acts for this company alone.")
    @PostMapping("/{companyId}/api-keys")
    public ResponseEntity<NewApiKey> createKey(@PathVariable UUID companyId,
            @RequestBody(required = false) ApiKeyRequest body, HttpServletRequest request) {
        Company company = access.require(request, companyId);
        String label = body == null || body.label() == null ? "" : body.label().trim();
        if (label.isEmpty() || label.length() > 200) {
            throw ApiProblem.badRequest("The field 'label' must name what the key is for, such as \"ERP\" (1 to 200"
                    + " characters).");
        }
        IssuedApiKey issued = companies.issueApiKey(company.id(), label);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + company.id() + "/api-keys/" + issued.id()))
                .body(new NewApiKey(issued.id(), label, issued.key(), issued.info().lastFour(), issued.info().createdAt()));
    }

    @Operation(summary = "The company's API keys, newest first, revoked ones too (never the key itself)")
    @GetMapping("/{companyId}/api-keys")
    public ApiKeyList keys(@PathVariable UUID companyId, HttpServletRequest request) {
        return new ApiKeyList(companies.apiKeys(access.require(request, companyId).id()));
    }

    @Operation(summary = "Revoke an API key: calls with it are refused from now on")
    @DeleteMapping("/{companyId}/api-keys/{keyId}")
    public ResponseEntity<Void> revokeKey(@PathVariable UUID companyId, @PathVariable UUID keyId,
            HttpServletRequest request) {
        Company company = access.require(request, companyId);
        if (!companies.revokeApiKey(company.id(), keyId)) {
            throw ApiProblem.notFound("The company has no API key with the id " + keyId + ". List its keys with GET"
                    + " /api/v1/companies/" + company.id() + "/api-keys.");
        }
        return ResponseEntity.noContent().build();
    }

    private CompanyView view(Company company) {
        return new CompanyView(company.id(), company.name(), company.orgNumber(), registration.country(company),
                company.participants().stream().map(ParticipantId::toString).toList());
    }
}
