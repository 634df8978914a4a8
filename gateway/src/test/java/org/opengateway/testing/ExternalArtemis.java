package org.opengateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An external Artemis primary/backup pair that runs outside the tests (the CI starts one with {@code .ci/artemis.sh}),
 * named by the system properties {@code gateway.test.artemis.url} (the failover URL), {@code .user}, {@code .password},
 * {@code .primary} (the primary's instance folder, with its process id in {@code broker.pid}) and {@code .backup} (the
 * backup's instance folder). Tests that need it are skipped, saying so, when the properties are not set.
 */
public record ExternalArtemis(String url, String user, String password, Path primaryInstance, Path backupInstance) {

    private static final String PREFIX = "gateway.test.artemis.";

    /** The pair, or the test is skipped with a message that says how to provide one. */
    public static ExternalArtemis required() {
        String url = System.getProperty(PREFIX + "url", "");
        assumeTrue(!url.isBlank(), "Needs an external Artemis primary/backup pair: start one with .ci/artemis.sh and"
                + " pass the properties it prints (-Dgateway.test.artemis.url=... .user .password .primary .backup)");
        return new ExternalArtemis(url, System.getProperty(PREFIX + "user"), System.getProperty(PREFIX + "password"),
                Path.of(System.getProperty(PREFIX + "primary", "")), Path.of(System.getProperty(PREFIX + "backup", "")));
    }

    /**
     * Adds a user with the given roles to both brokers' login files ({@code etc/artemis-users.properties} and
     * {@code -roles.properties}); the brokers read them again by themselves.
     */
    public void addUser(String name, String userPassword, List<String> roles) throws IOException {
        for (Path instance : List.of(primaryInstance, backupInstance)) {
            Path etc = instance.resolve("etc");
            Files.writeString(etc.resolve("artemis-users.properties"), "\n" + name + " = " + userPassword + "\n",
                    StandardOpenOption.APPEND);
            StringBuilder lines = new StringBuilder("\n");
            roles.forEach(role -> lines.append(role).append(" = ").append(name).append('\n'));
            Files.writeString(etc.resolve("artemis-roles.properties"), lines, StandardOpenOption.APPEND);
        }
    }

    /**
     * Puts the given {@code <addresses>}, {@code <address-settings>} and {@code <security-settings>} into both
     * brokers' {@code etc/broker.xml} in place of theirs, as an operator does; the brokers apply them by themselves
     * within seconds.
     */
    public void applyBrokerXmlSections(String sections) throws IOException {
        for (Path instance : List.of(primaryInstance, backupInstance)) {
            Path brokerXml = instance.resolve("etc").resolve("broker.xml");
            String xml = Files.readString(brokerXml);
            for (String section : List.of("addresses", "address-settings", "security-settings")) {
                Matcher ours = section(section).matcher(sections);
                if (!ours.find()) {
                    throw new IllegalArgumentException("No <" + section + "> in the given sections");
                }
                xml = section(section).matcher(xml).replaceFirst(Matcher.quoteReplacement(ours.group()));
            }
            Path partial = brokerXml.resolveSibling("broker.xml.tmp");
            Files.writeString(partial, xml);
            Files.move(partial, brokerXml, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Pattern section(String name) {
        return Pattern.compile("<" + name + ">.*?</" + name + ">", Pattern.DOTALL);
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
}
