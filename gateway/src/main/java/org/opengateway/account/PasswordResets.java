package org.opengateway.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.opengateway.config.PublicAddress;
import org.opengateway.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgotten passwords: a link sent by mail, whose token is stored only as a hash, works once and for
 * {@code gateway.accounts.reset-link-valid-for}. Setting the new password ends every session of the user.
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    public static final String PATH = "/api/v1/password-reset/";

    private final JdbcClient jdbc;
    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final OutgoingMail mail;
    private final PublicAddress address;
    private final Duration validFor;
    private final SecureRandom random = new SecureRandom();
    private final TaskExecutor background;

    public PasswordResets(JdbcClient jdbc, Users users, Sessions sessions, LoginThrottle throttle, OutgoingMail mail,
            PublicAddress address, AccountProperties properties, TaskExecutor background) {
        this.jdbc = jdbc;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.mail = mail;
        this.address = address;
        this.validFor = properties.resetLinkValidFor();
        this.background = background;
    }

    /**
     * Mails a reset link when the address has an account; does nothing otherwise. The work is done after the answer,
     * so that the time to answer does not tell whether the address has an account. A link lost in a crash is asked
     * for again.
     */
    public void request(String email) {
        background.execute(() -> users.findByEmail(email).ifPresentOrElse(this::sendLink,
                () -> log.info("A password reset was asked for an address without an account")));
    }

    private void sendLink(User user) {
        mail.send(user.email(), user.language().locale(), "password-reset", user.name(), user.email(),
                validFor.toMinutes(), newLink(user, validFor));
    }

    /** A link to choose a password, valid once for {@code linkValidFor}: for a reset, or for a person just invited. */
    public String newLink(User user, Duration linkValidFor) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO password_reset (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(Sessions.hash(token), user.id(), now, now.plus(linkValidFor))
                .update();
        return address.base() + PATH + token;
    }

    /** Whether the link still works: nothing when it does, a clear error for an unknown, used or expired link. */
    public void check(String token) {
        usable(token, "");
    }

    /** Sets the new password with the link's token, once; a clear error for an unknown, used or expired link. */
    @Transactional
    public void complete(String token, String newPassword) {
        users.checkPassword(newPassword);
        Link link = usable(token, " FOR UPDATE");
        jdbc.sql("UPDATE password_reset SET used_at = ? WHERE token_hash = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), Sessions.hash(token)).update();
        users.setPassword(link.userId(), newPassword);
        sessions.endAll(link.userId());
        users.findById(link.userId()).ifPresent(user -> throttle.succeeded(user.email()));
    }

    private Link usable(String token, String lock) {
        Link link = jdbc.sql("SELECT user_id, created_at, expires_at, used_at FROM password_reset WHERE token_hash = ?"
                        + lock)
                .param(Sessions.hash(token == null ? "" : token))
                .query((rs, n) -> new Link(rs.getObject("user_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("used_at", OffsetDateTime.class)))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("This password reset link is not known. Copy the whole link from"
                        + " the mail, or ask for a new one with POST /api/v1/password-reset."));
        if (link.usedAt() != null) {
            throw gone("This password reset link was already used, at " + time(link.usedAt()) + ". Each link works once:"
                    + " log in with the password chosen then, or ask for a new link with POST /api/v1/password-reset.");
        }
        if (!link.expiresAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            // a reset link and an invitation's link last differently long: say how long this one did
            Duration lasted = Duration.between(link.createdAt(), link.expiresAt());
            throw gone("This link expired at " + time(link.expiresAt()) + " (it was valid for "
                    + (lasted.toMinutes() < 120 ? lasted.toMinutes() + " minutes" : lasted.toHours() + " hours")
                    + "). Ask for a new one with POST /api/v1/password-reset.");
        }
        return link;
    }

    /** Forgets links a day after they expired (until then a late click is told the link expired, not that it is unknown). */
    public int forgetExpired() {
        return jdbc.sql("DELETE FROM password_reset WHERE expires_at < ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1)).update();
    }

    private static ApiProblem gone(String detail) {
        return new ApiProblem(HttpStatus.GONE, "Link no longer valid", detail);
    }

    private static String time(OffsetDateTime at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private record Link(UUID userId, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime usedAt) {
    }
}
