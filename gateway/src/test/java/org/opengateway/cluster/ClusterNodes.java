package org.opengateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.ExternalArtemis;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Gateway nodes on PostgreSQL in child JVMs, and the few calls the cluster tests make to them. */
final class ClusterNodes {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterNodes() {
    }

    /** Starts the built jar on the database with short polling intervals, and waits until it is up. */
    static GatewayProcess start(Path dataDir, String logName, TestPostgres.Database database, String... extraArgs) {
        GatewayProcess node = launch(dataDir, logName, database, extraArgs);
        node.awaitUp(GatewayProcess.START_DEADLINE);
        return node;
    }

    /** Starts the built jar on the database with short polling intervals, without waiting for it. */
    static GatewayProcess launch(Path dataDir, String logName, TestPostgres.Database database, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(database.gatewayArgs()));
        // a lookup that times out on a loaded machine is tried again after 2 s instead of a minute
        args.addAll(List.of("--gateway.intake.folder-poll-interval=100", "--gateway.events.publish-interval=100",
                "--gateway.receiving.delivery-interval=200", "--gateway.sending.retry.first-delay=2s"));
        args.addAll(List.of(extraArgs));
        return GatewayProcess.start(GatewayProcess.locateJar(), dataDir, GatewayProcess.freePort(),
                GatewayProcess.freePort(), logName, args.toArray(String[]::new));
    }

    /** The demo receiver of the receiving gateway that {@link #launchReceiver} starts. */
    static final String RECEIVER_AT_B = "0007:5599112231";

    /**
     * Starts, without waiting, a receiving gateway "B" in its own JVM (its own H2 database and embedded broker, the
     * access-point key of gateway-b) whose demo receiver is {@link #RECEIVER_AT_B}; the sending nodes find it through
     * B's SMP ({@link #sendingArgs}).
     */
    static GatewayProcess launchReceiver(Path dataDir) {
        return GatewayProcess.start(GatewayProcess.locateJar(), dataDir, GatewayProcess.freePort(),
                GatewayProcess.freePort(), "b.log", "--gateway.as4.keystore=" + SampleKeys.file("gateway-b.p12"),
                "--gateway.demo.sender-org-number=5566778808",
                "--gateway.demo.receiver-org-number=" + RECEIVER_AT_B.substring("0007:".length()),
                "--gateway.receiving.delivery-interval=200");
    }

    /**
     * The arguments of a sending node of the cluster: the external broker pair, the shared folder, the access-point
     * key of gateway-a, and B's SMP to find the receiver in; more may be added to the list.
     */
    static List<String> sendingArgs(ExternalArtemis artemis, Path shared, GatewayProcess receiver) {
        List<String> args = new ArrayList<>(artemis.gatewayArgs());
        args.addAll(List.of("--gateway.cluster.shared-dir=" + shared,
                "--gateway.as4.keystore=" + SampleKeys.file("gateway-a.p12"),
                "--gateway.smp.url=http://127.0.0.1:" + receiver.httpPort()));
        return args;
    }

    static HttpResponse<String> post(GatewayProcess node, String apiKey, byte[] invoice, String idempotencyKey) {
        return send(HttpRequest.newBuilder(node.url("/api/v1/invoices"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/xml")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(invoice)).build());
    }

    static HttpResponse<String> get(GatewayProcess node, String apiKey, String path) {
        return send(HttpRequest.newBuilder(node.url(path)).header("Authorization", "Bearer " + apiKey).GET().build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The status of the company's invoice with this number, or null while there is none. */
    static String statusOf(GatewayProcess node, String apiKey, String number) {
        JsonNode items = json(get(node, apiKey, "/api/v1/invoices?invoiceNumber=" + number)).get("items");
        return items.isEmpty() ? null : items.get(0).get("status").asString();
    }

    /** Puts a file in an inbox the way customers should: written under a .tmp name, then renamed. */
    static void drop(Path inbox, String name, byte[] content) {
        try {
            Path temporary = inbox.resolve(name + ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, inbox.resolve(name + ".xml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A counter of /actuator/metrics with the given tags ("channel:folder"), 0 when never counted. */
    static long counter(GatewayProcess node, String metric, String... tags) {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(metric).append('?');
        for (String tag : tags) {
            path.append("tag=").append(tag).append('&');
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(node.url(path.toString())).GET().build());
        if (response.statusCode() == 404) {
            return 0;
        }
        for (JsonNode measurement : json(response).get("measurements")) {
            if (measurement.get("statistic").asString().equals("COUNT")) {
                return (long) measurement.get("value").asDouble();
            }
        }
        return 0;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
