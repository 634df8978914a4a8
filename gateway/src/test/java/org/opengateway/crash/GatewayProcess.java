package org.opengateway.crash;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.opengateway.testing.SampleKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built gateway jar running in a child JVM, as an operator runs it: its own data folder, HTTP port and broker
 * port, its output appended to a log file in the data folder. Used by the crash test (which kills it with SIGKILL)
 * and by the benchmark.
 */
public final class GatewayProcess implements AutoCloseable {

    // a loaded 2-core machine can take minutes to start the gateway with a redelivery backlog; 240 s leaves room,
    // and -Dgateway.start-deadline=<seconds> more on a machine busy with other work
    public static final Duration START_DEADLINE = Duration.ofSeconds(Long.getLong("gateway.start-deadline", 240));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int brokerPort;
    private final long startedNanos;
    private final Thread killOnExit;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private GatewayProcess(Process process, Path dataDir, Path log, int httpPort, int brokerPort, long startedNanos) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        this.startedNanos = startedNanos;
        // A test JVM that is stopped (failsafe timeout, Ctrl-C) must not leave a gateway behind.
        this.killOnExit = new Thread(process::destroyForcibly, "kill-gateway-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code java -Xmx512m -jar jar --server.port=.. --gateway.data-dir=.. --gateway.broker.port=..} plus
     * {@code extraArgs}; output goes to {@code <dataDir>/<logName>}. Does not wait for it to be up.
     */
    public static GatewayProcess start(Path jar, Path dataDir, int httpPort, int brokerPort, String logName,
            String... extraArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No gateway jar at " + jar + ": build it first (mvn -o -q package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx512m");
        command.addAll(jvmOptionsFromSystemProperty(logName));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + httpPort);
        command.add("--gateway.data-dir=" + dataDir.toAbsolutePath());
        command.add("--gateway.broker.port=" + brokerPort);
        // it runs in its data folder, so the test keys are named by their absolute paths; extraArgs may name others
        addUnlessGiven(command, extraArgs, "gateway.as4.keystore", SampleKeys.file("gateway-b.p12").toString());
        addUnlessGiven(command, extraArgs, "gateway.as4.truststore", SampleKeys.file("truststore.p12").toString());
        addUnlessGiven(command, extraArgs, "gateway.smp.keystore", SampleKeys.file("smp.p12").toString());
        addUnlessGiven(command, extraArgs, "gateway.smp.truststore", SampleKeys.file("truststore.p12").toString());
        // From the 1st to the 15th the monthly reporting job would send reports to a demo participant of the
        // gateway's own; the tests that run a gateway as a process count invoices and received documents, not reports
        addUnlessGiven(command, extraArgs, "gateway.reporting.enabled", "false");
        command.addAll(List.of(extraArgs));
        Path log = dataDir.resolve(logName);
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            long started = System.nanoTime();
            return new GatewayProcess(builder.start(), dataDir, log, httpPort, brokerPort, started);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** Spring joins a repeated argument into "a,b", so a default is added only when the caller gives none. */
    private static void addUnlessGiven(List<String> command, String[] given, String key, String value) {
        for (String argument : given) {
            if (argument.startsWith("--" + key + "=")) {
                return;
            }
        }
        command.add("--" + key + "=" + value);
    }

    /**
     * Extra gateway arguments from the system property {@code gateway.args}, separated by whitespace, for example
     * {@code -Dgateway.args=--spring.datasource.url=jdbc:h2:file:...;WRITE_DELAY=0} to try a setting without a
     * rebuild. Empty when the property is not set.
     */
    public static String[] extraArgsFromSystemProperty() {
        String args = System.getProperty("gateway.args", "").trim();
        return args.isEmpty() ? new String[0] : args.split("\\s+");
    }

    /**
     * Extra JVM options for every child gateway from the system property {@code gateway.jvm-options}, separated by
     * whitespace, with {@code {name}} replaced by the log's name without its extension (so that each child writes its
     * own file), for example {@code -Dgateway.jvm-options=-XX:StartFlightRecording=filename=/some/dir/{name}.jfr}.
     */
    static List<String> jvmOptionsFromSystemProperty(String logName) {
        String options = System.getProperty("gateway.jvm-options", "").trim();
        String name = logName.contains(".") ? logName.substring(0, logName.lastIndexOf('.')) : logName;
        return options.isEmpty() ? List.of() : List.of(options.replace("{name}", name).split("\\s+"));
    }

    /**
     * A TCP port free at the moment. (Same as GatewayIT.freePort(), without initialising GatewayIT, whose static
     * fields make a temporary data folder.)
     */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway jar: the system property gateway.jar (set by failsafe), else the usual build output. */
    public static Path locateJar() {
        String configured = System.getProperty("gateway.jar");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path candidate : List.of(Path.of("gateway", "target", "gateway.jar"), Path.of("target", "gateway.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("No gateway jar found at gateway/target/gateway.jar or target/gateway.jar"
                + " (from " + Path.of("").toAbsolutePath() + "); build it with mvn -o -q package -DskipTests"
                + " or pass -Dgateway.jar=...");
    }

    private static String javaExecutable() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").toLowerCase().contains("win") ? "NUL" : "/dev/null");
    }

    /**
     * Polls {@code /actuator/health} until its top-level status is UP (all Camel routes started). Returns the time
     * from process start to UP. Fails with the end of the log when the process dies or the deadline passes.
     */
    public Duration awaitUp(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited with code " + process.exitValue()
                        + " before it was up. End of " + log + ":\n" + logTail(60));
            }
            if (healthUp()) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            try {
                // wait for the next poll, but return at once when the process exits
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the gateway", e);
            }
        }
        throw new IllegalStateException("The gateway was not UP within " + deadline + ". End of " + log + ":\n"
                + logTail(60));
    }

    /** True when /actuator/health answers with top-level status UP. */
    public boolean healthUp() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.body() == null || response.body().isBlank()) {
                return false;
            }
            JsonNode health = JSON.readTree(response.body());
            return "UP".equals(health.path("status").asString(""));
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Heap in use, from /actuator/metrics/jvm.memory.used?tag=area:heap, in bytes; -1 if it cannot be read. */
    public long heapUsedBytes() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            url("/actuator/metrics/jvm.memory.used?tag=area:heap")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            for (JsonNode m : JSON.readTree(response.body()).path("measurements")) {
                if ("VALUE".equals(m.path("statistic").asString(""))) {
                    return (long) m.path("value").asDouble();
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Resident set size of the child from /proc/<pid>/status (VmRSS), in kB; -1 where there is no /proc. */
    public long rssKilobytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** SIGKILL (kill -9 on Linux), then waits until the process is gone. No shutdown hook of the gateway runs. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The gateway " + process.pid() + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the gateway to die", e);
        }
        forgetOnExit();
    }

    /**
     * SIGTERM, as an operator stops the gateway: it shuts down gracefully (hands back its work). Waits until it has
     * exited.
     */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The gateway " + process.pid() + " did not stop within 120 s of SIGTERM."
                        + " End of " + log + ":\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the gateway to stop", e);
        }
        forgetOnExit();
    }

    /** The process is gone: nothing to kill when the test JVM exits. */
    private void forgetOnExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting anyway
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** The demo companies' details from {@code <dataDir>/demo.properties}, written on the first start. */
    public Properties demoProperties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("demo.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Deletes a data folder and everything in it, once a run no longer needs it. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
