package org.opengateway.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The brake on guessing passwords: failed logins in a row are counted per account and per remote address in the
 * database (so every node sees them). After a few, each further try must wait longer; after more, the account or
 * address is locked for a while. While braked, a login is refused before its password is looked at, so a locked
 * account answers the same whether or not the password was right.
 */
@Component
public class LoginThrottle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AccountProperties.Login settings;

    public LoginThrottle(JdbcClient jdbc, TransactionTemplate transaction, AccountProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = properties.login();
    }

    /** Why a login may not be tried now, if it may not. */
    public Optional<Refusal> refusal(String email, String address) {
        OffsetDateTime now = now();
        return braked(accountSubject(email), now, "this account")
                .or(() -> braked(addressSubject(address), now, "your address"));
    }

    public void failed(String email, String address) {
        count(accountSubject(email), settings.slowAfter(), settings.lockAfter());
        count(addressSubject(address), settings.addressSlowAfter(), settings.addressLockAfter());
    }

    /** A good login clears the account's count (not the address's, which one good account must not wipe). */
    public void succeeded(String email) {
        jdbc.sql("DELETE FROM login_failure WHERE subject = ?").param(accountSubject(email)).update();
    }

    /** Forgets counts whose last failure is older than a lock lasts; they would start afresh anyway. */
    public int forgetOld() {
        return jdbc.sql("DELETE FROM login_failure WHERE last_failure_at < ? AND (not_before IS NULL OR not_before < ?)")
                .params(now().minus(settings.lockFor()), now())
                .update();
    }

    private Optional<Refusal> braked(String subject, OffsetDateTime now, String whose) {
        return jdbc.sql("SELECT not_before, locked, failures FROM login_failure WHERE subject = ?").param(subject)
                .query((rs, n) -> {
                    OffsetDateTime notBefore = rs.getObject("not_before", OffsetDateTime.class);
                    if (notBefore == null || !notBefore.isAfter(now)) {
                        return null;
                    }
                    long seconds = Math.max(1, Duration.between(now, notBefore).toSeconds());
                    String message = rs.getBoolean("locked")
                            ? "After " + rs.getInt("failures") + " failed logins, logins for " + whose
                                    + " are locked until " + TIME.format(notBefore) + ". Try again then, or ask for a new"
                                    + " password with POST /api/v1/password-reset."
                            : "Too many failed logins in a row for " + whose + ". Wait " + seconds + " seconds (until "
                                    + TIME.format(notBefore) + "), then try again.";
                    return new Refusal(message, seconds);
                })
                .optional();
    }

    private void count(String subject, int slowAfter, int lockAfter) {
        try {
            transaction.executeWithoutResult(status -> countLocked(subject, slowAfter, lockAfter));
        } catch (DuplicateKeyException firstFailureOnTwoNodes) {
            transaction.executeWithoutResult(status -> countLocked(subject, slowAfter, lockAfter));
        }
    }

    private void countLocked(String subject, int slowAfter, int lockAfter) {
        OffsetDateTime now = now();
        Optional<Integer> earlier = jdbc
                .sql("SELECT failures, last_failure_at FROM login_failure WHERE subject = ? FOR UPDATE").param(subject)
                .query((rs, n) -> rs.getObject("last_failure_at", OffsetDateTime.class)
                        .isBefore(now.minus(settings.lockFor())) ? 0 : rs.getInt("failures"))
                .optional();
        int failures = earlier.orElse(0) + 1;
        boolean locked = failures >= lockAfter;
        OffsetDateTime notBefore = locked ? now.plus(settings.lockFor())
                : failures >= slowAfter ? now.plus(delay(failures - slowAfter)) : null;
        if (earlier.isPresent()) {
            jdbc.sql("UPDATE login_failure SET failures = ?, last_failure_at = ?, not_before = ?, locked = ? WHERE subject = ?")
                    .params(failures, now, notBefore, locked, subject).update();
        } else {
            jdbc.sql("INSERT INTO login_failure (subject, failures, last_failure_at, not_before, locked) VALUES (?, ?, ?, ?, ?)")
                    .params(subject, failures, now, notBefore, locked).update();
        }
    }

    /** 1 s after the first braked failure, then twice as long each time, never longer than a lock. */
    private Duration delay(int braked) {
        Duration delay = Duration.ofSeconds(1L << Math.min(30, braked));
        return delay.compareTo(settings.lockFor()) < 0 ? delay : settings.lockFor();
    }

    static String accountSubject(String email) {
        return "account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    static String addressSubject(String address) {
        return "address:" + address;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A login refused before its password was looked at: the message says when to try again. */
    public record Refusal(String message, long retryAfterSeconds) {
    }
}
