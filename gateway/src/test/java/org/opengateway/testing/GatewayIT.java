package org.opengateway.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole gateway in this JVM, on its real embedded Artemis broker (with its TCP
 * listener) and a real H2 database in a fresh data folder. Every subclass shares one running gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIT {

    protected static final Path DATA_DIR = createDataDir();
    protected static final int BROKER_PORT = freePort();
    /** The SMTP port the gateway sends mail to; a test that reads mail starts GreenMail on it. */
    protected static final int MAIL_PORT = freePort();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    /** The broker login of the operator's own integrations (made up per run). */
    protected static final String OPERATOR_USER = "operations";
    protected static final String OPERATOR_PASSWORD = java.util.UUID.randomUUID().toString();
    /** The key of the operator API (made up per run). */
    protected static final String OPERATOR_API_KEY = "op_" + java.util.UUID.randomUUID();
    /** An accepted invoice goes on to be sent; these are the states it may be in when a test looks. */
    public static final java.util.List<String> ACCEPTED_OR_LATER =
            java.util.List.of("ACCEPTED", "SENDING", "RETRY_SCHEDULED", "DELIVERED");

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", DATA_DIR::toString);
        registry.add("gateway.broker.port", () -> BROKER_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL_PORT);
        registry.add("gateway.intake.folder-poll-interval", () -> "100");
        // the events of this node go out the moment they commit; a quick timer would hide a wake-up that failed
        registry.add("gateway.events.publish-interval", () -> "1h");
        registry.add("gateway.receiving.delivery-interval", () -> "200");
        registry.add("gateway.receiving.pickup-check-interval", () -> "500");
        registry.add("gateway.broker.operator-user", () -> OPERATOR_USER);
        registry.add("gateway.broker.operator-password", () -> OPERATOR_PASSWORD);
        registry.add("gateway.operator.api-key", () -> OPERATOR_API_KEY);
        registry.add("gateway.reporting.first-retry", () -> "1s");
        // this gateway receives over AS4 as gateway-b of the test PKI
        registry.add("gateway.as4.keystore", () -> SampleKeys.file("gateway-b.p12").toString());
        registry.add("gateway.as4.truststore", () -> SampleKeys.file("truststore.p12").toString());
        registry.add("gateway.smp.keystore", () -> SampleKeys.file("smp.p12").toString());
        registry.add("gateway.smp.truststore", () -> SampleKeys.file("truststore.p12").toString());
    }

    /** The demo company written to demo.properties on first start: "sender" or "receiver". */
    protected static DemoCompany demo(String role) {
        Properties properties = demoProperties();
        return new DemoCompany(properties.getProperty(role + ".name"), properties.getProperty(role + ".participant"),
                properties.getProperty(role + ".api-key"), Path.of(properties.getProperty(role + ".inbox")),
                properties.getProperty(role + ".company-id"), Path.of(properties.getProperty(role + ".outbox")));
    }

    /** Everything the first start wrote to demo.properties. */
    protected static Properties demoProperties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(DATA_DIR.resolve("demo.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    public record DemoCompany(String name, String participant, String apiKey, Path inbox, String companyId,
            Path outbox) {
    }

    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected HttpResponse<String> post(String apiKey, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/v1/invoices"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected HttpResponse<String> get(String apiKey, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * A participant ID no other test uses, so filters in a shared database see only this test's invoices: a Swedish
     * organisation number with a valid check digit, as the Peppol rules demand.
     */
    protected static String freshParticipant() {
        long nine = Math.floorMod(System.nanoTime() ^ Double.doubleToLongBits(Math.random()), 900_000_000L)
                + 100_000_000L;
        String digits = Long.toString(nine);
        for (int check = 0; check < 10; check++) {
            if (luhn(digits + check)) {
                return "0007:" + digits + check;
            }
        }
        throw new IllegalStateException();
    }

    private static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    protected static String uniqueNumber(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("gateway-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
