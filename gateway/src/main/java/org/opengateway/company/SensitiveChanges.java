package org.opengateway.company;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.account.AuditLog;
import org.opengateway.account.User;
import org.opengateway.account.Users;
import org.opengateway.api.ApiProblem;
import org.opengateway.config.PublicAddress;
import org.opengateway.document.Sha256;
import org.opengateway.mail.OutgoingMail;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes of sensitive company data (payment details, the organisation number, the general contact address) do not
 * take effect at once: a link goes by mail to the company's general contact, and the change is applied when the link
 * is followed, once, before it expires. A newer request of the same kind replaces the one before. Every request,
 * confirmation, refusal and expiry is written to the audit trail; only the SHA-256 of a link's token is stored.
 */
@Service
public class SensitiveChanges {

    public static final String PATH = "/confirm/";
    private static final String COLUMNS = "c.id, c.company_id, c.kind, c.proposed, c.summary, c.requested_by, c.sent_to,"
            + " c.status, c.requested_at, c.expires_at, c.decided_at";

    private final JdbcClient jdbc;
    private final ContactAddresses contacts;
    private final CompanyProfiles profiles;
    private final Collaborators with;
    private final CompanySettings settings;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();

    /** What a confirmation mails, records and reads besides the company's own data. */
    public record Collaborators(OutgoingMail mail, PublicAddress address, AuditLog audit, Users users) {
    }

    public SensitiveChanges(JdbcClient jdbc, ContactAddresses contacts, CompanyProfiles profiles, OutgoingMail mail,
            PublicAddress address, AuditLog audit, Users users, CompanySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.profiles = profiles;
        this.with = new Collaborators(mail, address, audit, users);
        this.settings = settings;
        this.clock = clock;
    }

    /** A change waiting for its confirmation, as the API lists it. */
    public record Pending(UUID id, ChangeKind kind, String summary, String sentTo, OffsetDateTime requestedAt,
            OffsetDateTime expiresAt) {
    }

    /** What the mailed link's page shows before the button is pressed. */
    public record LinkView(String companyName, ChangeKind kind, String summary, java.util.Locale language) {
    }

    private record Row(UUID id, UUID companyId, ChangeKind kind, String proposed, String summary, UUID requestedBy,
            String sentTo, String status, OffsetDateTime expiresAt, OffsetDateTime decidedAt) {
    }

    /**
     * Stores the change and mails the link to the company's general contact (for a change of that address: to the
     * current one). {@code proposed} is the new value (a record, kept as JSON); {@code summary} says what changes,
     * secrets masked. 409 when the company has no address to send the link to; 503 when the mail cannot be sent.
     */
    @Transactional
    public Pending request(SettingsAccess.Editor editor, ChangeKind kind, Object proposed, String summary) {
        UUID companyId = editor.company().id();
        String sentTo = contacts.addressFor(companyId, ContactRole.GENERAL).orElseThrow(() -> new ApiProblem(
                HttpStatus.CONFLICT, "Conflict", "The company has no address to send the confirmation link to. Set the"
                        + " general contact first with PUT /api/v1/companies/" + companyId + "/contacts."));
        expireDue(companyId);
        OffsetDateTime now = now();
        for (Row replaced : pendingRows(companyId, kind)) {
            decide(replaced, "REPLACED", now);
            with.audit().record(editor.user(), "the unconfirmed change of " + name(kind) + " (" + replaced.summary()
                    + ") was replaced by a newer one", companyId);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        OffsetDateTime expiresAt = now.plus(settings.confirmLinkValidFor());
        jdbc.sql("INSERT INTO company_change (id, token_hash, company_id, kind, proposed, summary, requested_by, sent_to,"
                        + " status, requested_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
                .params(id, hash(token), companyId, kind.name(), json.writeValueAsString(proposed), summary,
                        editor.user().id(), sentTo, now, expiresAt)
                .update();
        var language = profiles.language(companyId).locale();
        boolean sent = with.mail().send(sentTo, language, "company-change", editor.company().name(),
                with.mail().text("change." + kind.name(), language), summary, editor.user().email(),
                settings.confirmLinkValidFor().toHours(), with.address().base() + PATH + token);
        if (!sent) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Mail not sent", "The confirmation mail could not be"
                    + " sent, so nothing was changed. Try again later; if it keeps failing, tell the gateway's operator.");
        }
        with.audit().record(editor.user(), "asked to change " + name(kind) + ": " + summary + "; confirmation link sent"
                + " to " + sentTo + ", valid until " + time(expiresAt), companyId);
        return new Pending(id, kind, summary, sentTo, now, expiresAt);
    }

    /** The company's changes that wait for their confirmation, oldest first; expired ones are closed on the way. */
    @Transactional
    public List<Pending> pending(UUID companyId) {
        expireDue(companyId);
        return jdbc.sql("SELECT id, kind, summary, sent_to, requested_at, expires_at FROM company_change"
                        + " WHERE company_id = ? AND status = 'PENDING' ORDER BY requested_at")
                .param(companyId)
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), ChangeKind.valueOf(rs.getString("kind")),
                        rs.getString("summary"), rs.getString("sent_to"),
                        rs.getObject("requested_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class)))
                .list();
    }

    /** Whether the link still works: what it would change, or a clear 404/410 for an unknown, used or expired link. */
    public LinkView check(String token) {
        Row row = find(token, "").orElseThrow(this::unknown);
        refusal(row).ifPresent(problem -> {
            throw problem;
        });
        return new LinkView(profiles.name(row.companyId()), row.kind(), row.summary(),
                profiles.language(row.companyId()).locale());
    }

    /** The outcome of following a link: the refusal, if it was refused, and the language of the company. */
    public record Outcome(Optional<ApiProblem> refusal, java.util.Locale language) {
    }

    /**
     * Applies the change of the link, once and before it expires. Answers the refusal instead of throwing it, so that
     * the refusal's audit row is kept: the caller answers it.
     */
    @Transactional
    public Outcome confirm(String token) {
        Row row = find(token, " FOR UPDATE").orElse(null);
        if (row == null) {
            return new Outcome(Optional.of(unknown()), java.util.Locale.ENGLISH);
        }
        java.util.Locale language = profiles.language(row.companyId()).locale();
        User requester = with.users().findById(row.requestedBy()).orElseThrow();
        Optional<ApiProblem> refusal = refusal(row);
        if (refusal.isPresent()) {
            if ("PENDING".equals(row.status())) { // expired just now
                decide(row, "EXPIRED", now());
            }
            with.audit().record(requester, "a confirmation link for the change of " + name(row.kind()) + " ("
                    + row.summary() + ") was refused: " + refusal.get().getMessage(), row.companyId());
            return new Outcome(refusal, language);
        }
        apply(row);
        decide(row, "APPLIED", now());
        with.audit().record(requester, "changed " + name(row.kind()) + ": " + row.summary() + " (confirmed by the link"
                + " mailed to " + row.sentTo() + ")", row.companyId());
        return new Outcome(Optional.empty(), language);
    }

    private void apply(Row row) {
        switch (row.kind()) {
            case PAYMENT_DETAILS -> profiles.savePaymentDetails(row.companyId(),
                    json.readValue(row.proposed(), PaymentDetails.class));
            case ORGANISATION_NUMBER -> profiles.saveOrgNumber(row.companyId(),
                    json.readValue(row.proposed(), CompanyProfiles.OrgNumber.class));
            case GENERAL_CONTACT -> contacts.set(row.companyId(), ContactRole.GENERAL,
                    json.readValue(row.proposed(), String.class));
        }
    }

    /** Closes the company's pending changes whose links have expired, each with an audit row; safe on several nodes. */
    private void expireDue(UUID companyId) {
        List<Row> due = jdbc.sql("SELECT " + COLUMNS + " FROM company_change c WHERE c.company_id = ?"
                        + " AND c.status = 'PENDING' AND c.expires_at <= ? FOR UPDATE SKIP LOCKED")
                .params(companyId, now()).query((rs, n) -> row(rs)).list();
        for (Row row : due) {
            decide(row, "EXPIRED", now());
            with.users().findById(row.requestedBy()).ifPresent(requester -> with.audit().record(requester,
                    "the change of " + name(row.kind()) + " (" + row.summary() + ") expired unconfirmed at "
                            + time(row.expiresAt()), row.companyId()));
        }
    }

    private Optional<ApiProblem> refusal(Row row) {
        Locale language = profiles.language(row.companyId()).locale();
        return switch (row.status()) {
            case "APPLIED" -> Optional.of(gone("used", language, time(row.decidedAt())));
            case "REPLACED" -> Optional.of(gone("replaced", language, time(row.decidedAt())));
            default -> "EXPIRED".equals(row.status()) || !row.expiresAt().isAfter(now())
                    ? Optional.of(gone("expired", language, time(row.expiresAt()),
                            settings.confirmLinkValidFor().toHours()))
                    : Optional.empty();
        };
    }

    private Optional<Row> find(String token, String lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM company_change c WHERE c.token_hash = ?" + lock)
                .param(hash(token == null ? "" : token)).query((rs, n) -> row(rs)).optional();
    }

    private List<Row> pendingRows(UUID companyId, ChangeKind kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM company_change c WHERE c.company_id = ? AND c.kind = ?"
                        + " AND c.status = 'PENDING' FOR UPDATE")
                .params(companyId, kind.name()).query((rs, n) -> row(rs)).list();
    }

    private void decide(Row row, String status, OffsetDateTime at) {
        jdbc.sql("UPDATE company_change SET status = ?, decided_at = ? WHERE id = ?").params(status, at, row.id()).update();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("company_id", UUID.class),
                ChangeKind.valueOf(rs.getString("kind")), rs.getString("proposed"), rs.getString("summary"),
                rs.getObject("requested_by", UUID.class), rs.getString("sent_to"), rs.getString("status"),
                rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("decided_at", OffsetDateTime.class));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String name(ChangeKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private ApiProblem unknown() {
        return new LinkRefused(HttpStatus.NOT_FOUND, with.mail().text("confirm-page.unknown", Locale.ENGLISH),
                "unknown", null);
    }

    /** The refusal, in English for the API and the audit trail, and in the company's language for the page. */
    private ApiProblem gone(String reason, Locale language, Object... arguments) {
        return new LinkRefused(HttpStatus.GONE, with.mail().text("confirm-page." + reason, Locale.ENGLISH, arguments),
                reason, language, arguments);
    }

    private static String time(OffsetDateTime at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
