package org.opengateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server the tests are given with {@code -Dgateway.test.postgresql.url=jdbc:postgresql://HOST:PORT/DB}
 * {@code -Dgateway.test.postgresql.user=...} {@code -Dgateway.test.postgresql.password=...} ({@code .ci/run} starts one
 * with {@code .ci/postgres.sh}). The user must be allowed to create databases: each test gets a fresh one of its own.
 * Without the URL, a test that needs the server is skipped with the reason.
 */
public final class TestPostgres {

    public static final String URL = "gateway.test.postgresql.url";
    public static final String USER = "gateway.test.postgresql.user";
    public static final String PASSWORD = "gateway.test.postgresql.password";
    public static final String RESTART = "gateway.test.postgresql.restart";
    public static final String NOT_GIVEN = "needs a PostgreSQL server: pass -D" + URL + "=jdbc:postgresql://HOST:PORT/DB -D"
            + USER + "=... -D" + PASSWORD + "=... (a user that may create databases; .ci/run starts one)";

    /** A database of its own for one test, and how to log in. */
    public record Database(String url, String user, String password) {

        /** The gateway's command-line arguments for this database (Spring Boot's own settings). */
        public String[] gatewayArgs() {
            return new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password};
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private TestPostgres() {
    }

    /** Skips the calling test, with the reason, when no PostgreSQL server is given. */
    public static void assumeGiven() {
        String url = System.getProperty(URL, "");
        assumeTrue(!url.isBlank(), NOT_GIVEN);
    }

    /**
     * Restarts the server with the script given by {@code -Dgateway.test.postgresql.restart=FILE} ({@code .ci/run}
     * writes one); returns once it takes connections again. Skips the calling test when no script is given.
     */
    public static void restartServer() throws IOException, InterruptedException {
        String script = System.getProperty(RESTART, "");
        assumeTrue(!script.isBlank(), "needs a way to restart the PostgreSQL server: pass -D" + RESTART
                + "=FILE, a script that restarts it (.ci/run writes one)");
        Process restart = new ProcessBuilder(script).redirectErrorStream(true).start();
        String output = new String(restart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!restart.waitFor(2, TimeUnit.MINUTES) || restart.exitValue() != 0) {
            throw new IllegalStateException("Restarting PostgreSQL with " + script + " failed: " + output);
        }
    }

    /** Creates a new, empty database named after {@code purpose} on the given server. */
    public static Database freshDatabase(String purpose) {
        assumeGiven();
        String serverUrl = System.getProperty(URL);
        String user = System.getProperty(USER, "");
        String password = System.getProperty(PASSWORD, "");
        String name = (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a database on " + serverUrl + " as " + user + ": "
                    + e.getMessage() + ". The user needs the right to create databases (CREATEDB).", e);
        }
        return new Database(withDatabase(serverUrl, name), user, password);
    }

    /** jdbc:postgresql://host:port/old?x=y with {@code name} instead of old. */
    static String withDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + name + rest;
    }
}
