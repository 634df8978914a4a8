package org.opengateway.company;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.account.Language;
import org.opengateway.document.ParticipantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** A company's profile (name, address, language, participant IDs, organisation number) and payment details, as stored. */
@Repository
public class CompanyProfiles {

    private final JdbcClient jdbc;

    public CompanyProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The profile as stored; the language, when none was chosen, from the country (sv for SE, en elsewhere). */
    public record Profile(UUID id, String name, String orgNumber, String country, String street, String postalCode,
            String city, String language, List<String> participants) {
    }

    /** The fields changed at once by a PUT of the profile (already checked). */
    public record Basics(String name, String street, String postalCode, String city, Language language) {
    }

    /** The organisation number with the country of its register. */
    public record OrgNumber(String country, String orgNumber) {
    }

    public Profile profile(UUID companyId) {
        List<String> participants = jdbc.sql("SELECT participant FROM company_participant WHERE company_id = ?"
                + " ORDER BY participant").param(companyId).query(String.class).list();
        return jdbc.sql("SELECT id, name, org_number, country, street, postal_code, city, language FROM company WHERE id = ?")
                .param(companyId)
                .query((rs, n) -> new Profile(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("org_number"), rs.getString("country"), rs.getString("street"),
                        rs.getString("postal_code"), rs.getString("city"),
                        language(rs.getString("language"), rs.getString("country")).code(), participants))
                .single();
    }

    public String name(UUID companyId) {
        return jdbc.sql("SELECT name FROM company WHERE id = ?").param(companyId).query(String.class).single();
    }

    /** The language of the company's mails. */
    public Language language(UUID companyId) {
        return jdbc.sql("SELECT language, country FROM company WHERE id = ?").param(companyId)
                .query((rs, n) -> language(rs.getString("language"), rs.getString("country"))).single();
    }

    public void saveBasics(UUID companyId, Basics basics) {
        jdbc.sql("UPDATE company SET name = ?, street = ?, postal_code = ?, city = ?, language = ? WHERE id = ?")
                .params(basics.name(), basics.street(), basics.postalCode(), basics.city(), basics.language().code(),
                        companyId)
                .update();
    }

    public void saveOrgNumber(UUID companyId, OrgNumber number) {
        jdbc.sql("UPDATE company SET country = ?, org_number = ? WHERE id = ?")
                .params(number.country(), number.orgNumber(), companyId).update();
    }

    /** Adds and removes the company's participant IDs (already checked). */
    @Transactional
    public void saveParticipants(UUID companyId, List<ParticipantId> added, List<ParticipantId> removed) {
        for (ParticipantId participant : removed) {
            jdbc.sql("DELETE FROM company_participant WHERE participant = ? AND company_id = ?")
                    .params(participant.toString(), companyId).update();
        }
        for (ParticipantId participant : added) {
            jdbc.sql("INSERT INTO company_participant (participant, company_id) VALUES (?, ?)")
                    .params(participant.toString(), companyId).update();
        }
    }

    /** Whether the participant is registered as a recipient (in our SMP), so that it cannot simply be removed. */
    public boolean receives(ParticipantId participant) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM recipient_participant WHERE participant = ?)"
                        + " + (SELECT COUNT(*) FROM accepted_document_type WHERE participant = ?)")
                .params(participant.toString(), participant.toString()).query(Long.class).single() > 0;
    }

    public Optional<PaymentDetails> paymentDetails(UUID companyId) {
        return jdbc.sql("SELECT bank_name, bic, account_number, iban FROM company_payment WHERE company_id = ?")
                .param(companyId)
                .query((rs, n) -> new PaymentDetails(rs.getString("bank_name"), rs.getString("bic"),
                        rs.getString("account_number"), rs.getString("iban")))
                .optional();
    }

    @Transactional
    public void savePaymentDetails(UUID companyId, PaymentDetails details) {
        jdbc.sql("DELETE FROM company_payment WHERE company_id = ?").param(companyId).update();
        jdbc.sql("INSERT INTO company_payment (company_id, bank_name, bic, account_number, iban, changed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(companyId, details.bankName(), details.bic(), details.accountNumber(), details.iban(),
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    private static Language language(String code, String country) {
        if (code != null) {
            return Language.of(code, "language");
        }
        return "SE".equals(country) ? Language.SV : Language.EN;
    }
}
