package org.opengateway.account;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opengateway.api.ApiProblem;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.company.CompanyIdentifiers;
import org.opengateway.config.GatewayFolders;
import org.opengateway.document.ParticipantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user registers a further company in one call: checked, stored, its folders made, and granted to the user. */
@Service
public class CompanyRegistration {

    private final CompanyDirectory companies;
    private final CompanyGrants grants;
    private final GatewayFolders folders;
    private final JdbcClient jdbc;

    public CompanyRegistration(CompanyDirectory companies, CompanyGrants grants, GatewayFolders folders, JdbcClient jdbc) {
        this.companies = companies;
        this.grants = grants;
        this.folders = folders;
        this.jdbc = jdbc;
    }

    /** What the caller sends; checked field by field by {@link #register}. */
    public record NewCompany(String name, String orgNumber, String country, List<String> participants) {
    }

    @Transactional
    public Company register(User user, NewCompany request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiProblem.badRequest("The field 'name' must hold the company's name (1 to 200 characters).");
        }
        List<ParticipantId> participants = new ArrayList<>();
        String country;
        String orgNumber;
        try {
            country = CompanyIdentifiers.country(request.country());
            orgNumber = CompanyIdentifiers.orgNumber(country, request.orgNumber());
            List<String> given = request.participants() == null ? List.of() : request.participants();
            if (given.isEmpty()) {
                throw new IllegalArgumentException("The field 'participants' must list at least one Peppol participant"
                        + " ID the company sends and receives as, such as [\"0007:5567321707\"].");
            }
            for (int i = 0; i < given.size(); i++) {
                participants.add(CompanyIdentifiers.participant(given.get(i), "participants[" + i + "]"));
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        for (int i = 0; i < participants.size(); i++) {
            ParticipantId participant = participants.get(i);
            if (participants.indexOf(participant) != i || companies.findByParticipant(participant).isPresent()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "The participant ID " + participant
                        + " (field 'participants[" + i + "]') already belongs to " + (participants.indexOf(participant) != i
                                ? "this request once." : "another company in this gateway. Each participant ID belongs"
                                        + " to one company; ask its administrator, or the gateway's operator."));
            }
        }
        Company company;
        try {
            company = companies.register(freeSlug(request.name()), request.name().trim(), orgNumber, participants);
        } catch (DuplicateKeyException sameMoment) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "A company with one of these participant IDs, or a"
                    + " name that makes the same folder name, was registered at the same moment. List your companies"
                    + " with GET /api/v1/companies, and try again if yours is not there.");
        }
        jdbc.sql("UPDATE company SET country = ? WHERE id = ?").params(country, company.id()).update();
        grants.grant(user.id(), company.id(), CompanyGrants.ADMINISTRATOR);
        folders.prepare(company.slug());
        return company;
    }

    /** A folder name from the company's name: "Nordic Paper Ab" becomes "nordic-paper-ab", or "-2"... when taken. */
    private String freeSlug(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        String base = plain.isEmpty() ? "company" : plain.substring(0, Math.min(40, plain.length())).replaceAll("-+$", "");
        String slug = base;
        for (int n = 2; companies.findBySlug(slug).isPresent(); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    public String country(Company company) {
        return jdbc.sql("SELECT country FROM company WHERE id = ?").param(company.id()).query(String.class).optional()
                .orElse(null);
    }
}
