package org.opengateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An external Artemis primary/backup pair that runs outside the tests (the CI starts one with {@code .ci/artemis.sh}),
 * named by the system properties {@code gateway.test.artemis.url} (the failover URL), {@code .user}, {@code .password}
 * and {@code .primary} (the primary's instance folder, with its process id in {@code broker.pid}). Tests that need it
 * are skipped, saying so, when the properties are not set.
 */
public record ExternalArtemis(String url, String user, String password, Path primaryInstance) {

    private static final String PREFIX = "gateway.test.artemis.";

    /** The pair, or the test is skipped with a message that says how to provide one. */
    public static ExternalArtemis required() {
        String url = System.getProperty(PREFIX + "url", "");
        assumeTrue(!url.isBlank(), "Needs an external Artemis primary/backup pair: start one with .ci/artemis.sh and"
                + " pass the properties it prints (-Dgateway.test.artemis.url=... .user .password .primary)");
        return new ExternalArtemis(url, System.getProperty(PREFIX + "user"), System.getProperty(PREFIX + "password"),
                Path.of(System.getProperty(PREFIX + "primary", "")));
    }

    /** The gateway's command-line arguments for running on this pair. */
    public List<String> gatewayArgs() {
        return List.of("--spring.artemis.mode=native", "--spring.artemis.broker-url=" + url,
                "--spring.artemis.user=" + user, "--spring.artemis.password=" + password);
    }

    /**
     * A client connection factory with the failover URL. The pair has one login, with every right; the per-company
     * users an operator creates (see external-broker.xml) are not part of these tests.
     */
    public ActiveMQConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        factory.setUser(user);
        factory.setPassword(password);
        return factory;
    }

    /** The primary broker's process, while it runs. */
    public Optional<ProcessHandle> primaryProcess() {
        try {
            long pid = Long.parseLong(Files.readString(primaryInstance.resolve("broker.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** kill -9 of the primary broker; returns once it is gone. */
    public void killPrimary() {
        ProcessHandle primary = primaryProcess().orElseThrow(() -> new IllegalStateException(
                "The primary broker of " + primaryInstance + " is not running"));
        primary.destroyForcibly();
        try {
            primary.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The primary broker " + primary.pid() + " did not die within "
                    + Duration.ofSeconds(30) + " of SIGKILL", e);
        }
    }

    /** The primary's console log, for failure messages. */
    public String primaryLogTail() {
        try {
            List<String> lines = Files.readAllLines(primaryInstance.resolve("log").resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
