package org.opengateway.transport.pki;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestCertificates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar in the Peppol test network, each start in its own JVM (phase4 keeps global state per JVM): with its
 * own keys and a TLS certificate made here it answers over HTTPS; with the sample keys and no TLS it refuses to start
 * and says what to configure.
 */
class PeppolModeIT {

    private static final String PASSWORD = "not-a-sample";
    private static final Duration START = GatewayProcess.START_DEADLINE;

    private final Path dataDir = createDataDir();

    @AfterEach
    void cleanUp() throws IOException {
        GatewayProcess.deleteRecursively(dataDir);
    }

    @Test
    void servesHttpsWithItsOwnKeysInThePeppolTestNetwork() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("CN=Mode Test CA,O=Elsewhere,C=SE");
        Instant now = Instant.now();
        Path ap = TestCertificates.issue(ca, "CN=POP000123,O=Us,C=SE", now.minusSeconds(60),
                now.plus(Duration.ofDays(365))).writePkcs12(dataDir.resolve("keys/ap.p12"), PASSWORD);
        TestCertificates.Issued tlsKey = TestCertificates.issue(ca, "CN=localhost,O=Us,C=SE", now.minusSeconds(60),
                now.plus(Duration.ofDays(20)));
        Path tls = tlsKey.writePkcs12(dataDir.resolve("keys/tls.p12"), PASSWORD);
        Path smp = TestCertificates.issue(ca, "CN=SMP Mode Test,O=Us,C=SE", now.minusSeconds(60),
                now.plus(Duration.ofDays(365))).writePkcs12(dataDir.resolve("keys/smp.p12"), PASSWORD);
        int port = GatewayProcess.freePort();

        try (GatewayProcess gateway = GatewayProcess.start(GatewayProcess.locateJar(), dataDir, port,
                GatewayProcess.freePort(), "gateway.log",
                "--gateway.network=peppol-test",
                "--gateway.as4.keystore=" + ap, "--gateway.as4.keystore-password=" + PASSWORD,
                "--gateway.smp.keystore=" + smp, "--gateway.smp.keystore-password=" + PASSWORD,
                "--server.ssl.key-store=" + tls, "--server.ssl.key-store-type=PKCS12",
                "--server.ssl.key-store-password=" + PASSWORD, "--server.ssl.key-alias=key",
                "--gateway.public-url=https://localhost:" + port)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(tlsKey))
                    .connectTimeout(Duration.ofSeconds(2)).build();
            URI health = URI.create("https://localhost:" + port + "/actuator/health");
            JsonNode up = awaitUp(gateway, https, health);

            JsonNode certificates = up.path("components").path("certificates");
            assertEquals("UP", certificates.path("status").asString(""), up.toString());
            assertEquals("EXPIRING", certificates.path("details").path("tls").path("state").asString(""));
            assertEquals("VALID", certificates.path("details").path("access-point").path("state").asString(""));
            assertTrue(certificates.path("details").path("warnings").get(0).asString("")
                    .startsWith("The TLS certificate CN=localhost expires on"), certificates.toString());
            // plain HTTP gets no answer from the gateway (Tomcat says the port requires TLS)
            assertNotEquals(200, plainHttpStatus(URI.create("http://localhost:" + port + "/actuator/health")));
            awaitLog(gateway, "The TLS certificate CN=localhost");
        }
    }

    @Test
    void refusesTheSampleKeysAndPlainHttpInThePeppolProductionNetwork() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(GatewayProcess.locateJar(), dataDir,
                GatewayProcess.freePort(), GatewayProcess.freePort(), "gateway.log",
                "--gateway.network=peppol-production")) {
            try {
                await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> !gateway.isAlive());
            } catch (ConditionTimeoutException stillRunning) {
                // reported below, with the end of its log
            }
            String log = Files.readString(gateway.log());
            assertTrue(!gateway.isAlive(), "still running:\n" + gateway.logTail(40));
            assertTrue(log.contains("The gateway will not start in the network peppol-production"), log);
            assertTrue(log.contains("The access-point certificate (gateway.as4.keystore="
                    + SampleKeys.file("gateway-b.p12")), log);
            assertTrue(log.contains("Peppol requires HTTPS"), log);
            assertTrue(log.contains("gateway.public-url must be the https address"), log);
        }
    }

    private static JsonNode awaitUp(GatewayProcess gateway, HttpClient https, URI health) {
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicReference<JsonNode> up = new AtomicReference<>();
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(300)).until(() -> {
                assertTrue(gateway.isAlive(), "The gateway exited:\n" + gateway.logTail(60));
                try {
                    HttpResponse<String> response = https.send(HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    last.set(response.body());
                    JsonNode json = JsonMapper.builder().build().readTree(response.body());
                    up.set(json);
                    return "UP".equals(json.path("status").asString(""));
                } catch (IOException notYet) {
                    last.set(notYet.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not UP over HTTPS within " + START + ": " + last.get() + "\n"
                    + gateway.logTail(60), e);
        }
        return up.get();
    }

    private static int plainHttpStatus(URI uri) throws InterruptedException {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        }
    }

    private static void awaitLog(GatewayProcess gateway, String text) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(gateway.log()).contains(text));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No log line with '" + text + "':\n" + gateway.logTail(40), e);
        }
    }

    private static SSLContext trusting(TestCertificates.Issued tls) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("tls", tls.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("gateway-modes-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
