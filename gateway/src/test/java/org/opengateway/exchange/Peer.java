package org.opengateway.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.opengateway.crash.GatewayProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One gateway instance of an exchange test, in its own JVM (phase4 keeps its state per JVM), with its own ports, data
 * folder, access-point key and demo companies. It can be killed and started again on the same folder and ports.
 */
final class Peer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Path jar;
    private final Path dataDir;
    private final int httpPort = GatewayProcess.freePort();
    private final int brokerPort = GatewayProcess.freePort();
    private final List<String> args = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayProcess process;
    private int starts;

    Peer(String name, Path jar, Path dataDir, String... args) {
        this.name = name;
        this.jar = jar;
        this.dataDir = dataDir;
        this.args.addAll(List.of(args));
    }

    Peer with(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Peer start() {
        process = GatewayProcess.start(jar, dataDir, httpPort, brokerPort, name + "-" + (++starts) + ".log",
                args.toArray(String[]::new));
        return this;
    }

    void awaitUp() {
        process.awaitUp(GatewayProcess.START_DEADLINE);
    }

    /** Waits up to the given time, for a start on a machine known to be loaded. */
    void awaitUp(Duration deadline) {
        process.awaitUp(deadline);
    }

    void kill() {
        process.kill();
    }

    Path dataDir() {
        return dataDir;
    }

    String demo(String key) {
        Properties demo = process.demoProperties();
        return demo.getProperty(key);
    }

    String logTail() {
        return process == null ? "" : process.logTail(80);
    }

    HttpResponse<String> post(String path, String apiKey, byte[] body) {
        return send(HttpRequest.newBuilder(process.url(path)).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode getJson(String path, String apiKey) {
        HttpResponse<String> response = get(path, apiKey);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode() + " to GET " + path + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(process.url(path)).header("Authorization", "Bearer " + apiKey).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
