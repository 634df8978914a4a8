package org.opengateway.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.opengateway.api.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user accounts: one per person, found by e-mail address whatever its case. */
@Repository
public class Users {

    private static final String COLUMNS = "id, email, name, language, support";
    private static final int MAX_PASSWORD_LENGTH = 500;

    private final JdbcClient jdbc;
    private final PasswordHasher hasher;
    private final int minPasswordLength;
    /** A hash of today's cost, made on first use, to spend the time of a check when there is no account. */
    private volatile String dummyHash;

    public Users(JdbcClient jdbc, PasswordHasher hasher, AccountProperties properties) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.minPasswordLength = properties.passwordMinLength();
    }

    public User create(String email, String name, Language language, String password, boolean support) {
        String address = checkEmail(email, "email");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiProblem.badRequest("The field 'name' must hold the person's name (1 to 200 characters).");
        }
        checkPassword(password);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            jdbc.sql("INSERT INTO user_account (id, email, email_key, name, language, password_hash, support, created_at,"
                            + " password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, address, key(address), name.trim(), language.code(), hasher.hash(password), support, now,
                            now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "There is already an account for " + address
                    + ". Log in with it, or ask for a new password with POST /api/v1/password-reset.");
        }
        return new User(id, address, name.trim(), language, support);
    }

    /** The language the user reads the gateway's pages and mails in. */
    public void setLanguage(UUID userId, Language language) {
        jdbc.sql("UPDATE user_account SET language = ? WHERE id = ?").params(language.code(), userId).update();
    }

    public Optional<User> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE email_key = ?").param(key(email))
                .query((rs, n) -> user(rs)).optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = ?").param(id)
                .query((rs, n) -> user(rs)).optional();
    }

    /** True when the password is the user's; a hash made with a lower cost than today's is replaced on the way. */
    public boolean passwordMatches(User user, String password) {
        String stored = jdbc.sql("SELECT password_hash FROM user_account WHERE id = ?").param(user.id())
                .query(String.class).single();
        boolean matches = hasher.verify(password, stored);
        if (matches && hasher.isWeakerThanCurrent(stored)) {
            jdbc.sql("UPDATE user_account SET password_hash = ? WHERE id = ? AND password_hash = ?")
                    .params(hasher.hash(password), user.id(), stored).update();
        }
        return matches;
    }

    /** Costs as much as checking a real password, so that an unknown address answers no faster than a known one. */
    public void spendPasswordCheck(String password) {
        String stored = dummyHash;
        if (stored == null) {
            stored = hasher.hash("no account has this password");
            dummyHash = stored;
        }
        hasher.verify(password == null ? "" : password, stored);
    }

    public void setPassword(UUID userId, String password) {
        checkPassword(password);
        jdbc.sql("UPDATE user_account SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(hasher.hash(password), OffsetDateTime.now(ZoneOffset.UTC), userId).update();
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM user_account").query(Long.class).single() == 0;
    }

    /** The password rules, with a message that names the field and says what to do. */
    public void checkPassword(String password) {
        if (password == null || password.length() < minPasswordLength) {
            throw ApiProblem.badRequest("The field 'password' must be at least " + minPasswordLength
                    + " characters long" + (password == null ? "" : "; this one has " + password.length())
                    + ". A few unrelated words make a long password that is easy to remember.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiProblem.badRequest("The field 'password' may be at most " + MAX_PASSWORD_LENGTH + " characters long.");
        }
    }

    /** A plausible e-mail address, trimmed; otherwise a clear error naming the field. */
    public static String checkEmail(String email, String field) {
        String address = email == null ? "" : email.trim();
        int at = address.lastIndexOf('@');
        if (address.length() > 320 || at < 1 || at == address.length() - 1 || address.chars().anyMatch(Character::isWhitespace)
                || !address.substring(at + 1).contains(".")) {
            throw ApiProblem.badRequest("The field '" + field + "' must be an e-mail address such as name@example.com"
                    + (address.isEmpty() ? "; it is empty." : "; '" + address + "' is not one."));
        }
        return address;
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                Language.of(rs.getString("language"), "language"), rs.getBoolean("support"));
    }

}
