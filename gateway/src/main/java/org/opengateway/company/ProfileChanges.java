package org.opengateway.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opengateway.account.AuditLog;
import org.opengateway.account.Language;
import org.opengateway.api.ApiProblem;
import org.opengateway.document.ParticipantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A change of the profile, checked field by field: name, address, language and participant IDs take effect at once;
 * a new organisation number or country waits for the confirmation by mail ({@link SensitiveChanges}).
 */
@Service
public class ProfileChanges {

    private final CompanyProfiles profiles;
    private final CompanyDirectory companies;
    private final SensitiveChanges sensitive;
    private final AuditLog audit;

    public ProfileChanges(CompanyProfiles profiles, CompanyDirectory companies, SensitiveChanges sensitive, AuditLog audit) {
        this.profiles = profiles;
        this.companies = companies;
        this.sensitive = sensitive;
        this.audit = audit;
    }

    /** What the caller sends; a field left out (null) stays as it is. */
    public record ProfileUpdate(String name, String orgNumber, String country, String street, String postalCode,
            String city, String language, List<String> participants) {
    }

    /** The change of the organisation number that waits for its confirmation, if this update asked for one. */
    @Transactional
    public Optional<SensitiveChanges.Pending> update(SettingsAccess.Editor editor, ProfileUpdate update) {
        CompanyProfiles.Profile before = profiles.profile(editor.company().id());
        CompanyProfiles.Basics basics = basics(before, update);
        CompanyProfiles.OrgNumber number = orgNumber(before, update);
        List<ParticipantId> wanted = participants(update, before);
        List<ParticipantId> current = before.participants().stream().map(ParticipantId::parse).toList();
        List<ParticipantId> added = wanted.stream().filter(p -> !current.contains(p)).toList();
        List<ParticipantId> removed = current.stream().filter(p -> !wanted.contains(p)).toList();
        checkAdded(added);
        checkRemoved(editor, removed);

        profiles.saveBasics(editor.company().id(), basics);
        try {
            profiles.saveParticipants(editor.company().id(), added, removed);
        } catch (DuplicateKeyException sameMoment) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "One of the new participant IDs was given to another"
                    + " company at the same moment. Read the profile again and check 'participants'.");
        }
        CompanyProfiles.Profile after = profiles.profile(editor.company().id());
        if (!after.equals(before)) {
            audit.record(editor.user(), "changed the profile from " + before + " to " + after, editor.company().id());
        }
        if (number.orgNumber().equals(before.orgNumber()) && number.country().equals(before.country())) {
            return Optional.empty();
        }
        return Optional.of(sensitive.request(editor, ChangeKind.ORGANISATION_NUMBER, number, before.country() + " "
                + before.orgNumber() + " → " + number.country() + " " + number.orgNumber()));
    }

    private static CompanyProfiles.Basics basics(CompanyProfiles.Profile before, ProfileUpdate update) {
        String name = update.name() == null ? before.name() : update.name().trim();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiProblem.badRequest("The field 'name' must hold the company's name (1 to 200 characters).");
        }
        return new CompanyProfiles.Basics(name,
                text(update.street(), before.street(), "street", 200, ".+"),
                text(update.postalCode(), before.postalCode(), "postalCode", 20, "[A-Za-z0-9][A-Za-z0-9 -]*"),
                text(update.city(), before.city(), "city", 100, ".+"),
                Language.of(update.language() == null ? before.language() : update.language(), "language"));
    }

    private static CompanyProfiles.OrgNumber orgNumber(CompanyProfiles.Profile before, ProfileUpdate update) {
        try {
            String country = CompanyIdentifiers.country(update.country() == null ? before.country() : update.country());
            String given = update.orgNumber() == null ? before.orgNumber() : update.orgNumber();
            return new CompanyProfiles.OrgNumber(country, CompanyIdentifiers.orgNumber(country, given));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    private static List<ParticipantId> participants(ProfileUpdate update, CompanyProfiles.Profile before) {
        List<String> given = update.participants() == null ? before.participants() : update.participants();
        if (given.isEmpty()) {
            throw ApiProblem.badRequest("The field 'participants' must list at least one Peppol participant ID the"
                    + " company sends and receives as, such as [\"0007:5567321707\"].");
        }
        List<ParticipantId> participants = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                ParticipantId participant = CompanyIdentifiers.participant(given.get(i), "participants[" + i + "]");
                if (participants.contains(participant)) {
                    throw ApiProblem.badRequest("The field 'participants[" + i + "]' repeats " + participant
                            + "; list each participant ID once.");
                }
                participants.add(participant);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(e.getMessage());
            }
        }
        return participants;
    }

    private void checkAdded(List<ParticipantId> added) {
        for (ParticipantId participant : added) {
            if (companies.findByParticipant(participant).isPresent()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "The participant ID " + participant + " (field"
                        + " 'participants') already belongs to another company in this gateway. Each participant ID"
                        + " belongs to one company; ask its administrator, or the gateway's operator.");
            }
        }
    }

    private void checkRemoved(SettingsAccess.Editor editor, List<ParticipantId> removed) {
        for (ParticipantId participant : removed) {
            if (profiles.receives(participant)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "The participant ID " + participant + " is"
                        + " registered to receive invoices, so it cannot be removed from 'participants'. Stop receiving"
                        + " first with DELETE /api/v1/companies/" + editor.company().id() + "/recipient, then remove it.");
            }
        }
    }

    private static String text(String given, String current, String field, int max, String pattern) {
        if (given == null) {
            return current;
        }
        String text = given.trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max || !text.matches(pattern)) {
            throw ApiProblem.badRequest("The field '" + field + "' must be at most " + max + " characters"
                    + ("postalCode".equals(field) ? " of letters, digits, spaces and dashes" : "") + "; '" + given
                    + "' is not.");
        }
        return text;
    }
}
