package org.opengateway.company;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A company's profile, its payment details, and the changes of either that wait for a confirmation by mail. */
@RestController
@Tag(name = "Company settings")
@SecurityRequirement(name = "apiKey")
public class CompanyProfileApi {

    private final CompanyProfiles profiles;
    private final ProfileChanges changes;
    private final SensitiveChanges sensitive;
    private final SettingsAccess access;

    public CompanyProfileApi(CompanyProfiles profiles, ProfileChanges changes, SensitiveChanges sensitive,
            SettingsAccess access) {
        this.profiles = profiles;
        this.changes = changes;
        this.sensitive = sensitive;
        this.access = access;
    }

    public record PendingList(List<SensitiveChanges.Pending> items) {
    }

    @Operation(summary = "The company's profile",
            description = "name, orgNumber, country, street, postalCode, city, language (of the mails to the company:"
                    + " sv, en, is, fi, da) and participants.")
    @GetMapping("/api/v1/companies/{companyId}/profile")
    public CompanyProfiles.Profile profile(@PathVariable UUID companyId, HttpServletRequest request) {
        return profiles.profile(access.read(request, companyId).id());
    }

    @Operation(summary = "Change the company's profile",
            description = "A field left out stays as it is. Name, address, language and participants change at once"
                    + " (200). A new orgNumber or country is sensitive: a link goes by mail to the company's general"
                    + " contact, and it takes effect when the link is followed (202, with 'pending').")
    @PutMapping("/api/v1/companies/{companyId}/profile")
    public ResponseEntity<ChangeAnswer<CompanyProfiles.Profile>> update(@PathVariable UUID companyId,
            @RequestBody(required = false) ProfileChanges.ProfileUpdate body, HttpServletRequest request) {
        if (body == null) {
            throw ApiProblem.badRequest("Send the profile as JSON: {\"name\", \"orgNumber\", \"country\", \"street\","
                    + " \"postalCode\", \"city\", \"language\", \"participants\"}; fields left out stay as they are.");
        }
        SettingsAccess.Editor editor = access.change(request, companyId);
        Optional<SensitiveChanges.Pending> pending = changes.update(editor, body);
        return ChangeAnswer.of(profiles.profile(companyId), pending);
    }

    @Operation(summary = "The company's payment details",
            description = "bankName, bic, accountNumber, iban; 404 when none are set yet.")
    @GetMapping("/api/v1/companies/{companyId}/payment-details")
    public PaymentDetails paymentDetails(@PathVariable UUID companyId, HttpServletRequest request) {
        return profiles.paymentDetails(access.read(request, companyId).id()).orElseThrow(() -> ApiProblem.notFound(
                "The company has no payment details yet. Set them with PUT /api/v1/companies/" + companyId
                        + "/payment-details."));
    }

    @Operation(summary = "Change the company's payment details (after a confirmation by mail)",
            description = "The bank by bankName or bic, the account by accountNumber or iban. Answers 202: a link"
                    + " goes by mail to the company's general contact, and the new details take effect when it is"
                    + " followed, once, within gateway.company.confirm-link-valid-for.")
    @PutMapping("/api/v1/companies/{companyId}/payment-details")
    public ResponseEntity<ChangeAnswer<PaymentDetails>> changePaymentDetails(@PathVariable UUID companyId,
            @RequestBody(required = false) PaymentDetails body, HttpServletRequest request) {
        SettingsAccess.Editor editor = access.change(request, companyId);
        PaymentDetails wanted = BankAccounts.check(body);
        Optional<PaymentDetails> current = profiles.paymentDetails(companyId);
        // the mail names what changes in its own language; the summary holds only the values
        String summary = current.map(PaymentDetails::masked).orElse("-") + " → " + wanted.masked();
        return ChangeAnswer.of(current.orElse(null), Optional.of(sensitive.request(editor, ChangeKind.PAYMENT_DETAILS, wanted,
                summary)));
    }

    @Operation(summary = "The company's changes that wait for their confirmation by mail")
    @GetMapping("/api/v1/companies/{companyId}/pending-changes")
    public PendingList pending(@PathVariable UUID companyId, HttpServletRequest request) {
        return new PendingList(sensitive.pending(access.read(request, companyId).id()));
    }
}
