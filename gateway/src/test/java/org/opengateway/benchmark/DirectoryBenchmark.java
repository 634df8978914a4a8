package org.opengateway.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.awaitility.Awaitility;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.directory.OtherGatewayDirectory;
import org.opengateway.directory.PartyAnswer;
import org.opengateway.document.ParticipantId;
import org.opengateway.testing.SampleKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Party lookups, uncached and cached, against the gateway's own SMP over HTTP, and the import of a customer register of
 * 10,000 rows. Not a test: a main class, run by hand.
 *
 * <p>How to run it, from the repository root:
 * <pre>
 * mvn -o -q package -DskipTests
 * mvn -o -q -pl gateway test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=org.opengateway.benchmark.DirectoryBenchmark -Dexec.classpathScope=test
 * </pre>
 * Options (system properties): {@code -Dbenchmark.lookups=100} lookups measured each way, {@code
 * -Dbenchmark.customers=10000} rows of the register, {@code -Dgateway.jar=PATH}, {@code -Dgateway.args="--a=b"}.
 *
 * <p>The gateway runs from the built jar in a child JVM on a fresh data folder (deleted at the end). The lookups are
 * those of a second gateway (its own empty database, see {@link OtherGatewayDirectory}) asking the child's SMP about
 * the demo receiver: uncached, each asks the SMP for the service group and the signed metadata of each document type
 * and checks the signatures (three HTTP requests); cached, the answer comes from memory. The API figure is
 * {@code GET /api/v1/companies/{id}/lookup?participant=} on the child for its own demo receiver, which it reads from its
 * database each time (only SMP answers are cached). The import uploads a
 * generated CSV (unique Swedish organisation numbers, half with an e-mail address, 2% invalid rows) and waits until
 * the import is DONE. Prints: lookup latencies (mean, p50, p90, p99) and the import's time and rows per second.
 */
public final class DirectoryBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DirectoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lookups = Integer.getInteger("benchmark.lookups", 100);
        int customers = Integer.getInteger("benchmark.customers", 10_000);
        Path dataDir = Files.createTempDirectory("directory-benchmark-");
        GatewayProcess gateway = GatewayProcess.start(GatewayProcess.locateJar(), dataDir, GatewayProcess.freePort(),
                GatewayProcess.freePort(), "directory-benchmark.log", GatewayProcess.extraArgsFromSystemProperty());
        try {
            // a machine shared with other builds may need long to start the jar
            gateway.awaitUp(Duration.ofMinutes(10));
            Properties demo = gateway.demoProperties();
            ParticipantId receiver = ParticipantId.parse(demo.getProperty("receiver.participant"));
            var trust = SampleKeys.load(SampleKeys.file("truststore.p12"));
            URI smp = gateway.url("");

            var uncached = new OtherGatewayDirectory(smp, trust, Duration.ZERO);
            long[] uncachedTimes = time(lookups / 5, lookups, () -> expectPeppol(uncached.lookup().find(receiver)));
            var cached = new OtherGatewayDirectory(smp, trust, Duration.ofHours(1));
            expectPeppol(cached.lookup().find(receiver));
            long[] cachedTimes = time(1000, lookups * 10, () -> expectPeppol(cached.lookup().find(receiver)));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String key = demo.getProperty("sender.api-key");
            String company = demo.getProperty("sender.company-id");
            HttpRequest lookup = HttpRequest.newBuilder(gateway.url("/api/v1/companies/" + company
                    + "/lookup?participant=" + receiver)).header("Authorization", "Bearer " + key).GET().build();
            long[] apiTimes = time(lookups / 5, lookups, () -> {
                HttpResponse<String> response = http.send(lookup, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().contains("THIS_GATEWAY")) {
                    throw new IllegalStateException("Lookup over the API answered " + response.body());
                }
            });

            System.out.println();
            System.out.println("Party lookup of the demo receiver (" + lookups + " measured, after warm-up):");
            print("  uncached, SMP over HTTP (3 requests, signatures checked)", uncachedTimes);
            print("  cached (memory in front of the database)", cachedTimes);
            print("  over the API, our own receiver (read from the database)", apiTimes);

            byte[] register = register(customers);
            long start = System.nanoTime();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(gateway.url("/api/v1/companies/" + company
                            + "/customers/imports")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(register)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("The upload answered " + accepted.statusCode() + ": " + accepted.body());
            }
            long answered = System.nanoTime();
            URI progressUrl = gateway.url(JSON.readTree(accepted.body()).get("progress").asString());
            // polls the progress as a client would, with a deadline so that a stuck import ends the run
            JsonNode progress = Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> JSON.readTree(http.send(HttpRequest.newBuilder(progressUrl)
                                    .header("Authorization", "Bearer " + key).GET().build(),
                                    HttpResponse.BodyHandlers.ofString()).body()),
                            state -> !state.get("status").asString().matches("QUEUED|RUNNING"));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println();
            System.out.printf(Locale.ROOT, "Customer register of %,d rows (%,d bytes of CSV): %s in %.1f s (%.0f rows/s);"
                    + " upload answered 202 after %d ms; counts %s%n", customers, register.length,
                    progress.get("status").asString(), seconds, customers / seconds, (answered - start) / 1_000_000,
                    progress.get("counts"));
        } finally {
            gateway.close();
            GatewayProcess.deleteRecursively(dataDir);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long[] time(int warmup, int measured, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void expectPeppol(PartyAnswer answer) {
        if (answer.reach() != PartyAnswer.Reach.PEPPOL) {
            throw new IllegalStateException("Expected the demo receiver elsewhere in Peppol, got " + answer);
        }
    }

    private static void print(String what, long[] sorted) {
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "%-60s mean %8.3f ms  p50 %8.3f  p90 %8.3f  p99 %8.3f%n", what, mean,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    /** A register with unique Swedish organisation numbers; half with e-mail, 2% with a broken number. */
    private static byte[] register(int rows) {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("name;organisation number;country;e-mail;address\n");
        for (int i = 0; i < rows; i++) {
            String number = swedishNumber(5_000_000_00L + i * 7L + random.nextInt(7));
            if (i % 50 == 0) {
                number = number.substring(0, 9) + (char) ('0' + (number.charAt(9) - '0' + 1) % 10);
            }
            csv.append("Customer ").append(i).append(" AB;").append(number).append(";SE;")
                    .append(i % 2 == 0 ? "billing" + i + "@example.com" : "").append(";Storgatan ").append(i)
                    .append(", Stockholm\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Nine digits and the Luhn check digit. */
    private static String swedishNumber(long nine) {
        String digits = Long.toString(nine);
        for (int check = 0; check < 10; check++) {
            String candidate = digits + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int digit = candidate.charAt(candidate.length() - 1 - i) - '0';
                sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
