package org.opengateway.company;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.account.Users;
import org.opengateway.api.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The company's e-mail addresses per role, and where each role's mail goes after the fallbacks. */
@RestController
@Tag(name = "Company settings")
@SecurityRequirement(name = "apiKey")
public class ContactsApi {

    private final ContactAddresses contacts;
    private final SettingsAccess access;
    private final ContactChanges changes;

    public ContactsApi(ContactAddresses contacts, SettingsAccess access, ContactChanges changes) {
        this.contacts = contacts;
        this.access = access;
        this.changes = changes;
    }

    /** {@code contacts}: the addresses set, by role; {@code effective}: where each role's mail goes today. */
    public record Contacts(Map<String, String> contacts, Map<String, String> effective) {
    }

    @Operation(summary = "The company's contact addresses per role",
            description = "Roles: general, invoicing, technical, reports, support. 'effective' says where each"
                    + " role's mail goes: its own address, else the general one, else the company's first administrator.")
    @GetMapping("/api/v1/companies/{companyId}/contacts")
    public Contacts contacts(@PathVariable UUID companyId, HttpServletRequest request) {
        return view(access.read(request, companyId).id());
    }

    @Operation(summary = "Set the company's contact addresses",
            description = "Send every role that has an address of its own, e.g. {\"general\": \"office@example.com\","
                    + " \"invoicing\": \"ap@example.com\"}; a role left out (or null) gets the general address. The"
                    + " first general address takes effect at once; a later change of it is sensitive: a link goes to"
                    + " the current general address, and the new one takes effect when it is followed (202).")
    @PutMapping("/api/v1/companies/{companyId}/contacts")
    public ResponseEntity<ChangeAnswer<Contacts>> replace(@PathVariable UUID companyId,
            @RequestBody(required = false) Map<String, String> body, HttpServletRequest request) {
        SettingsAccess.Editor editor = access.change(request, companyId);
        Optional<SensitiveChanges.Pending> pending = changes.replace(editor, checked(body));
        return ChangeAnswer.of(view(companyId), pending);
    }

    private static Map<ContactRole, String> checked(Map<String, String> body) {
        if (body == null) {
            throw ApiProblem.badRequest("Send the addresses as JSON, one per role: {\"general\": \"office@example.com\","
                    + " \"invoicing\": \"ap@example.com\"}. The roles are " + ContactRole.allKeys() + ".");
        }
        Map<ContactRole, String> addresses = new EnumMap<>(ContactRole.class);
        body.forEach((key, email) -> {
            ContactRole role = ContactRole.of(key).orElseThrow(() -> ApiProblem.badRequest("The field '" + key
                    + "' is not a contact role; the roles are " + ContactRole.allKeys() + "."));
            if (email != null && !email.isBlank()) {
                addresses.put(role, Users.checkEmail(email, role.key()));
            }
        });
        return addresses;
    }

    private Contacts view(UUID companyId) {
        return new Contacts(keyed(contacts.configured(companyId)), keyed(contacts.effective(companyId)));
    }

    private static Map<String, String> keyed(Map<ContactRole, String> addresses) {
        Map<String, String> keyed = new LinkedHashMap<>();
        addresses.forEach((role, email) -> keyed.put(role.key(), email));
        return keyed;
    }
}
