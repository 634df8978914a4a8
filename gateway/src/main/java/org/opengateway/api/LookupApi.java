package org.opengateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opengateway.company.Company;
import org.opengateway.customers.CustomerRegister;
import org.opengateway.directory.CountrySchemes;
import org.opengateway.directory.PartyAnswer;
import org.opengateway.directory.PartyLookup;
import org.opengateway.directory.RecipientRegistry;
import org.opengateway.document.ParticipantId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Whether and how a party can receive: by organisation number and country, by participant ID, or by name. */
@RestController
@RequestMapping("/api/v1/companies/{companyId}/lookup")
@Tag(name = "Party lookup")
@SecurityRequirement(name = "apiKey")
public class LookupApi {

    private static final int MOST_BY_NAME = 20;

    /** One party found: where the name came from (when searched by name), and how it can receive. */
    public record Match(String name, String source, String country, String orgNumber, PartyAnswer answer,
            String note) {
    }

    public record Answer(List<Match> results) {
    }

    private final PartyLookup lookup;
    private final CustomerRegister customers;
    private final CompanyAccess access;

    public LookupApi(PartyLookup lookup, CustomerRegister customers, CompanyAccess access) {
        this.lookup = lookup;
        this.customers = customers;
        this.access = access;
    }

    @Operation(summary = "Can this party receive, and how?",
            description = "Give exactly one of: orgNumber with country (ISO code, e.g. SE), participant (e.g."
                    + " 0007:5567321707), or name (finds our companies and your customer register). Each answer says"
                    + " THIS_GATEWAY, PEPPOL (another access point), NOT_REGISTERED or LOOKUP_FAILED, with the document"
                    + " types, endpoints and transport profiles.")
    @GetMapping
    public Answer lookup(HttpServletRequest http, @PathVariable UUID companyId,
            @RequestParam(required = false) String orgNumber, @RequestParam(required = false) String country,
            @RequestParam(required = false) String participant, @RequestParam(required = false) String name) {
        Company company = access.require(http, companyId);
        int given = (blank(orgNumber) && blank(country) ? 0 : 1) + (blank(participant) ? 0 : 1) + (blank(name) ? 0 : 1);
        if (given != 1) {
            throw ApiProblem.badRequest("Give exactly one of: orgNumber and country (e.g. orgNumber=5567321707&"
                    + "country=SE), participant (e.g. participant=0007:5567321707), or name.");
        }
        if (!blank(participant)) {
            ParticipantId id;
            try {
                id = RecipientRegistry.participantId("participant", participant);
            } catch (RecipientRegistry.Refused e) {
                throw ApiProblem.badRequest(e.getMessage());
            }
            return new Answer(List.of(new Match(null, null, null, null, lookup.find(id), null)));
        }
        if (!blank(name)) {
            return byName(company, name);
        }
        CountrySchemes.Result mapped = CountrySchemes.participant(country, orgNumber);
        if (mapped.problem() != null) {
            throw ApiProblem.badRequest(mapped.problem());
        }
        String code = country.trim().toUpperCase();
        return new Answer(List.of(new Match(null, null, code, CountrySchemes.clean(orgNumber),
                lookup.find(mapped.participant().orElseThrow()), null)));
    }

    private Answer byName(Company caller, String name) {
        if (name.trim().length() < 2) {
            throw ApiProblem.badRequest("name must have at least 2 characters.");
        }
        List<Match> matches = new ArrayList<>();
        for (PartyLookup.OurCompany ours : lookup.ourCompaniesNamed(name, MOST_BY_NAME)) {
            if (ours.participants().isEmpty()) {
                matches.add(new Match(ours.name(), "gateway company", null, ours.orgNumber(), null,
                        "A company of this gateway that is not registered as a receiver."));
            }
            ours.participants().forEach(id -> matches.add(new Match(ours.name(), "gateway company", null,
                    ours.orgNumber(), lookup.find(id), null)));
        }
        for (CustomerRegister.Customer customer : customers.named(caller.id(), name, MOST_BY_NAME)) {
            CountrySchemes.Result mapped = CountrySchemes.participant(customer.country(), customer.orgNumber());
            PartyAnswer answer = mapped.participant().map(lookup::find).orElse(null);
            matches.add(new Match(customer.name(), "customer register", customer.country(), customer.orgNumber(),
                    answer, customer.email() == null ? null : "E-mail: " + customer.email()));
        }
        return new Answer(matches);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
