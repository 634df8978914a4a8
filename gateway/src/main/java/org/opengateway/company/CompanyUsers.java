package org.opengateway.company;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.opengateway.account.AuditLog;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.Language;
import org.opengateway.account.PasswordResets;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.api.ApiProblem;
import org.opengateway.mail.OutgoingMail;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who may act for a company: an administrator gives the company to a person who has an account, or
 * invites a new one (an account is made, and a link to choose a password goes by mail), and takes it away again,
 * but never from the company's last administrator.
 */
@Service
public class CompanyUsers {

    private final CompanyGrants grants;
    private final Users users;
    private final PasswordResets links;
    private final OutgoingMail mail;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final CompanySettings settings;
    private final SecureRandom random = new SecureRandom();

    public CompanyUsers(CompanyGrants grants, Users users, PasswordResets links, OutgoingMail mail, AuditLog audit,
            JdbcClient jdbc, CompanySettings settings) {
        this.grants = grants;
        this.users = users;
        this.links = links;
        this.mail = mail;
        this.audit = audit;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Whom to add: an e-mail address, and for a person without an account their name and language. */
    public record NewUser(String email, String name, String language) {
    }

    /** A person of the company; {@code invited} when the account was made by this call. */
    public record CompanyUser(UUID id, String email, String name, String role, java.time.OffsetDateTime grantedAt,
            boolean invited) {
    }

    public List<CompanyUser> list(UUID companyId) {
        return grants.grantsOf(companyId).stream().map(grant -> view(grant, false)).toList();
    }

    @Transactional
    public CompanyUser add(SettingsAccess.Editor editor, NewUser request) {
        String email = Users.checkEmail(request.email(), "email");
        UUID companyId = editor.company().id();
        User user = users.findByEmail(email).orElse(null);
        boolean invited = user == null;
        if (invited) {
            Language language = Language.of(request.language(), "language");
            byte[] unusable = new byte[32];
            random.nextBytes(unusable); // a password no one knows, until the person chooses theirs with the link
            user = users.create(email, request.name(), language, Base64.getEncoder().encodeToString(unusable), false);
        } else if (grants.has(user.id(), companyId)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", user.email() + " may already act for "
                    + editor.company().name() + ".");
        }
        grants.grant(user.id(), companyId, CompanyGrants.ADMINISTRATOR);
        if (invited) {
            mail.send(user.email(), user.language().locale(), "company-invitation", user.name(), editor.company().name(),
                    editor.user().name(), settings.invitationValidFor().toHours(),
                    links.newLink(user, settings.invitationValidFor()), user.email());
        } else {
            mail.send(user.email(), user.language().locale(), "company-access", user.name(), editor.company().name(),
                    editor.user().name());
        }
        audit.record(editor.user(), (invited ? "invited " : "gave access to ") + user.email() + " as "
                + CompanyGrants.ADMINISTRATOR, companyId);
        User added = user;
        return grants.grantsOf(companyId).stream().filter(grant -> grant.userId().equals(added.id())).findFirst()
                .map(grant -> view(grant, invited)).orElseThrow();
    }

    /** Takes the company away from the user; 404 when it is not theirs, 409 for the last administrator. */
    @Transactional
    public void remove(SettingsAccess.Editor editor, UUID userId) {
        UUID companyId = editor.company().id();
        // one removal per company at a time, so that two administrators cannot remove each other at once
        jdbc.sql("SELECT id FROM company WHERE id = ? FOR UPDATE").param(companyId).query(UUID.class).single();
        List<CompanyGrants.Grant> all = grants.grantsOf(companyId);
        CompanyGrants.Grant grant = all.stream().filter(g -> g.userId().equals(userId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("No user with the id " + userId + " may act for "
                        + editor.company().name() + ". List them with GET /api/v1/companies/" + companyId + "/users."));
        long administrators = all.stream().filter(g -> CompanyGrants.ADMINISTRATOR.equals(g.role())).count();
        if (CompanyGrants.ADMINISTRATOR.equals(grant.role()) && administrators <= 1) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", grant.email() + " is the last administrator of "
                    + editor.company().name() + ", so they cannot be removed: add another administrator first.");
        }
        grants.revoke(userId, companyId);
        audit.record(editor.user(), "took access away from " + grant.email(), companyId);
    }

    private static CompanyUser view(CompanyGrants.Grant grant, boolean invited) {
        return new CompanyUser(grant.userId(), grant.email(), grant.name(), grant.role(), grant.grantedAt(), invited);
    }
}
