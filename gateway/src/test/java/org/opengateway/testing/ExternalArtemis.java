package org.opengateway.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

    /**
     * The broker that serves clients now: the one whose acceptor takes connections (a passive backup opens none).
     * After a failover and a restart of the killed broker ({@link #restart}), that is the backup instance, and the
     * restarted primary is its backup: the pair is whole again with the roles swapped.
     */
    public Optional<Path> activeInstance() {
        for (Path instance : List.of(primaryInstance, backupInstance)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", acceptorPort(instance)), 1000);
                return Optional.of(instance);
            } catch (IOException e) {
                // not active (or not running)
            }
        }
        return Optional.empty();
    }

    /** kill -9 of the broker that serves clients now; answers its instance folder once it is gone. */
    public Path killActive() {
        Path active = activeInstance().orElseThrow(() -> new IllegalStateException(
                "Neither broker of " + primaryInstance.getParent() + " accepts connections"));
        ProcessHandle broker = process(active).orElseThrow(() -> new IllegalStateException(
                "No running broker process for " + active));
        killAndWait(broker);
        return active;
    }

    /**
     * Starts the broker of {@code instance} again (after a kill), as {@code .ci/artemis.sh} started it: its output
     * appended to {@code log/console.log}, its process id in {@code broker.pid}. It outlives the test JVM; the watcher
     * of {@code .ci/artemis.sh} stops it with the pair.
     */
    public void restart(Path instance) throws IOException {
        if (process(instance).isPresent()) {
            throw new IllegalStateException("The broker of " + instance + " still runs");
        }
        Path log = instance.resolve("log").resolve("console.log");
        Process broker = new ProcessBuilder(instance.resolve("bin").resolve("artemis").toString(), "run")
                .directory(instance.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Files.writeString(instance.resolve("broker.pid"), Long.toString(broker.pid()));
    }

    /**
     * Waits until the pair is whole: one broker active, the other running and synchronised with it (its log says
     * AMQ221024 after it last started as a backup, AMQ221109). Fails with the reason after the deadline.
     */
    public void awaitWhole(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        String state = "";
        while (System.nanoTime() < end) {
            Optional<Path> active = activeInstance();
            if (active.isPresent()) {
                Path passive = active.get().equals(primaryInstance) ? backupInstance : primaryInstance;
                if (process(passive).isPresent() && synchronisedSinceStart(passive)) {
                    return;
                }
                state = passive + " is not running or not yet synchronised";
            } else {
                state = "no broker accepts connections";
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("The Artemis pair was not whole within " + deadline + ": " + state
                + "; see the brokers' log/console.log");
    }

    private static boolean synchronisedSinceStart(Path instance) {
        try {
            String log = Files.readString(instance.resolve("log").resolve("console.log"));
            int started = log.lastIndexOf("AMQ221109");
            return started >= 0 && log.lastIndexOf("AMQ221024") > started;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port of the instance's acceptor, from its broker.xml. */
    private static int acceptorPort(Path instance) throws IOException {
        Matcher acceptor = Pattern.compile("<acceptor name=\"artemis\">tcp://[^:]+:(\\d+)")
                .matcher(Files.readString(instance.resolve("etc").resolve("broker.xml")));
        if (!acceptor.find()) {
            throw new IOException("No artemis acceptor in " + instance.resolve("etc").resolve("broker.xml"));
        }
        return Integer.parseInt(acceptor.group(1));
    }

    private static Optional<ProcessHandle> process(Path instance) {
        try {
            long pid = Long.parseLong(Files.readString(instance.resolve("broker.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void killAndWait(ProcessHandle broker) {
        broker.destroyForcibly();
        try {
            broker.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The broker " + broker.pid() + " did not die within "
                    + Duration.ofSeconds(30) + " of SIGKILL", e);
        }
    }
}
