package org.opengateway.company;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The people who may act for the company. */
@RestController
@Tag(name = "Company settings")
@SecurityRequirement(name = "apiKey")
public class CompanyUsersApi {

    private final CompanyUsers companyUsers;
    private final SettingsAccess access;

    public CompanyUsersApi(CompanyUsers companyUsers, SettingsAccess access) {
        this.companyUsers = companyUsers;
        this.access = access;
    }

    public record UserList(List<CompanyUsers.CompanyUser> items) {
    }

    @Operation(summary = "The people who may act for the company")
    @GetMapping("/api/v1/companies/{companyId}/users")
    public UserList list(@PathVariable UUID companyId, HttpServletRequest request) {
        return new UserList(companyUsers.list(access.read(request, companyId).id()));
    }

    @Operation(summary = "Let a person act for the company",
            description = "{\"email\"} of a person with an account; for a person without one also \"name\" and"
                    + " \"language\" (sv, en, is, fi, da): the account is made and a link to choose a password goes to"
                    + " them by mail (valid for gateway.company.invitation-valid-for). 409 when they may already.")
    @PostMapping("/api/v1/companies/{companyId}/users")
    public ResponseEntity<CompanyUsers.CompanyUser> add(@PathVariable UUID companyId,
            @RequestBody(required = false) CompanyUsers.NewUser body, HttpServletRequest request) {
        SettingsAccess.Editor editor = access.change(request, companyId);
        if (body == null) {
            throw ApiProblem.badRequest("Send the person as JSON: {\"email\"}, and for a person without an account also"
                    + " {\"name\", \"language\"}.");
        }
        CompanyUsers.CompanyUser added = companyUsers.add(editor, body);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + companyId + "/users/" + added.id())).body(added);
    }

    @Operation(summary = "Take the company away from a person", description = "Not from its last administrator (409).")
    @DeleteMapping("/api/v1/companies/{companyId}/users/{userId}")
    public ResponseEntity<Void> remove(@PathVariable UUID companyId, @PathVariable UUID userId,
            HttpServletRequest request) {
        companyUsers.remove(access.change(request, companyId), userId);
        return ResponseEntity.noContent().build();
    }
}
