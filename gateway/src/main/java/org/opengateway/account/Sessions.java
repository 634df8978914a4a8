package org.opengateway.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.document.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logged-in sessions, kept in the database so that every node knows them. Only hashes of the session token and of
 * its CSRF token are stored. A session ends after {@code gateway.accounts.session-idle-timeout} without a request,
 * at logout, when its user logs in again, and when the user's password is reset.
 */
@Repository
public class Sessions {

    /** Session tokens start with this, API keys with "gw_", so a bearer token says which it is. */
    public static final String TOKEN_PREFIX = "gws_";

    private final JdbcClient jdbc;
    private final Duration idleTimeout;
    private final SecureRandom random = new SecureRandom();

    public Sessions(JdbcClient jdbc, AccountProperties properties) {
        this.jdbc = jdbc;
        this.idleTimeout = properties.sessionIdleTimeout();
    }

    /** A new session for the user; any earlier session of the same user ends. The tokens are known only here. */
    @Transactional
    public NewSession start(User user) {
        // the user's row is the lock that keeps two logins on two nodes from both keeping their session
        jdbc.sql("SELECT id FROM user_account WHERE id = ? FOR UPDATE").param(user.id()).query(UUID.class).single();
        jdbc.sql("DELETE FROM user_session WHERE user_id = ?").param(user.id()).update();
        String token = TOKEN_PREFIX + secret(32);
        String csrf = secret(24);
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO user_session (token_hash, user_id, csrf_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")
                .params(hash(token), user.id(), hash(csrf), now, now)
                .update();
        return new NewSession(token, csrf, idleTimeout);
    }

    /** The live session of the token, its idle time started afresh; empty when unknown, ended or idle too long. */
    public Optional<ActiveSession> use(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        OffsetDateTime now = now();
        int touched = jdbc.sql("UPDATE user_session SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at > ?")
                .params(now, tokenHash, now.minus(idleTimeout))
                .update();
        if (touched == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT user_id, csrf_hash FROM user_session WHERE token_hash = ?").param(tokenHash)
                .query((rs, n) -> new ActiveSession(tokenHash, rs.getObject("user_id", UUID.class),
                        rs.getString("csrf_hash")))
                .optional();
    }

    public void end(ActiveSession session) {
        jdbc.sql("DELETE FROM user_session WHERE token_hash = ?").param(session.tokenHash()).update();
    }

    public void endAll(UUID userId) {
        jdbc.sql("DELETE FROM user_session WHERE user_id = ?").param(userId).update();
    }

    /** Forgets sessions idle for longer than the timeout; a plain statement that several nodes may run at once. */
    public int forgetIdle() {
        return jdbc.sql("DELETE FROM user_session WHERE last_seen_at <= ?").param(now().minus(idleTimeout)).update();
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private String secret(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** What a login hands out: the bearer token (also the cookie's value) and the CSRF token for cookie requests. */
    public record NewSession(String token, String csrfToken, Duration idleTimeout) {
    }

    /** A session in use; {@code tokenHash} names it. */
    public record ActiveSession(String tokenHash, UUID userId, String csrfHash) {

        /** Whether the header value is this session's CSRF token; compared in constant time. */
        public boolean csrfMatches(String csrfToken) {
            return csrfToken != null && MessageDigest.isEqual(hash(csrfToken.trim()).getBytes(StandardCharsets.US_ASCII),
                    csrfHash.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
