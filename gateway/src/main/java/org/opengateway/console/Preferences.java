package org.opengateway.console;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.opengateway.api.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What each user chose and wants remembered, by name (for instance the columns of a list), kept in the database. */
@Repository
public class Preferences {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_VALUE = 4000;

    private final JdbcClient jdbc;

    public Preferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(UUID userId, String name) {
        return jdbc.sql("SELECT content FROM user_preference WHERE user_id = ? AND name = ?")
                .params(userId, checkName(name)).query(String.class).optional();
    }

    /** Keeps the value, replacing an earlier one; two nodes saving at once leave one of the two values. */
    public void save(UUID userId, String name, String value) {
        checkName(name);
        if (value == null || value.length() > MAX_VALUE) {
            throw ApiProblem.badRequest("The field 'value' must be text of at most " + MAX_VALUE + " characters: send"
                    + " {\"value\": \"...\"}.");
        }
        if (update(userId, name, value) == 0) {
            try {
                jdbc.sql("INSERT INTO user_preference (user_id, name, content) VALUES (?, ?, ?)")
                        .params(userId, name, value).update();
            } catch (DuplicateKeyException savedMeanwhile) {
                update(userId, name, value);
            }
        }
    }

    private int update(UUID userId, String name, String value) {
        return jdbc.sql("UPDATE user_preference SET content = ? WHERE user_id = ? AND name = ?")
                .params(value, userId, name).update();
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest("The preference name '" + name + "' is not allowed: use 1 to 100 letters,"
                    + " digits, dots, dashes or underscores, such as columns.sent.");
        }
        return name;
    }
}
