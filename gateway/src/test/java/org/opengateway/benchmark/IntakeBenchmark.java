package org.opengateway.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up time, memory and HTTP intake throughput of the built gateway jar. Not a test: a main class, run by hand.
 *
 * <p>How to run it, from the repository root (the directory with the parent pom.xml):
 * <pre>
 * mvn -o -q package -DskipTests
 * mvn -o -q -pl gateway test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=org.opengateway.benchmark.IntakeBenchmark -Dexec.classpathScope=test
 * </pre>
 * The short form {@code exec:java} works too once Maven can resolve the plugin prefix "exec" (the org.codehaus.mojo
 * group metadata in the local repository, or the plugin declared in the pom); offline without it, use the full
 * coordinates as above.
 *
 * <p>Options, as system properties on the mvn command line (or {@code -Dexec.args="INVOICES CLIENTS WARMUP"}):
 * <pre>
 * -Dbenchmark.invoices=5000   invoices measured
 * -Dbenchmark.clients=4       parallel HTTP clients (java.net.http.HttpClient, HTTP/1.1)
 * -Dbenchmark.warmup=500      invoices sent first, not measured
 * -Dgateway.jar=PATH          the jar (default gateway/target/gateway.jar, else target/gateway.jar)
 * -Dgateway.args="--a=b ..."  extra arguments for the gateway, e.g. to try a setting without a rebuild
 * </pre>
 * Everything runs on this machine: the gateway in a child JVM ({@code -Xmx512m}) on a fresh temporary data folder
 * that is deleted at the end, the clients in the JVM that runs this class. Both share the CPUs, so the figures are
 * for the pair.
 */
public final class IntakeBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int invoices = intOption(args, 0, "benchmark.invoices", 5000);
        int clients = intOption(args, 1, "benchmark.clients", 4);
        int warmup = intOption(args, 2, "benchmark.warmup", 500);
        String[] gatewayArgs = GatewayProcess.extraArgsFromSystemProperty();
        Path jar = GatewayProcess.locateJar();
        Path dataDir = Files.createTempDirectory("gateway-bench-");
        boolean keepData = false;
        GatewayProcess gateway = GatewayProcess.start(jar, dataDir, GatewayProcess.freePort(), GatewayProcess.freePort(),
                "gateway.log", gatewayArgs);
        try {
            Duration startup = gateway.awaitUp(GatewayProcess.START_DEADLINE);
            long rssAfterStart = gateway.rssKilobytes();
            long heapAfterStart = gateway.heapUsedBytes();

            Properties demo = gateway.demoProperties();
            String apiKey = demo.getProperty("sender.api-key");
            String sender = demo.getProperty("sender.participant");
            String receiver = demo.getProperty("receiver.participant");
            String run = UUID.randomUUID().toString().substring(0, 6);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

            Phase warm = Phase.run(gateway, http, apiKey, bodies("BENCH-" + run + "-W", warmup, sender, receiver),
                    clients);
            Phase load = Phase.run(gateway, http, apiKey, bodies("BENCH-" + run + "-L", invoices, sender, receiver),
                    clients);

            long rssAfterLoad = gateway.rssKilobytes();
            long heapAfterLoad = gateway.heapUsedBytes();
            long stored = storedInvoices(gateway, http, apiKey);
            int bodySize = TestInvoices.invoiceBytes("BENCH-" + run + "-L-00000", sender, receiver).length;

            List<String> lines = new ArrayList<>();
            lines.add("==================== gateway intake benchmark ====================");
            lines.add(String.format(Locale.ROOT, "machine            : %d CPUs seen by the client JVM, Java %s",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
            lines.add("gateway            : " + jar.getFileName() + " in a child JVM, -Xmx512m"
                    + (gatewayArgs.length == 0 ? "" : ", args " + String.join(" ", gatewayArgs)));
            lines.add(String.format(Locale.ROOT, "start-up           : %.1f s (process start -> /actuator/health UP)",
                    startup.toMillis() / 1000.0));
            lines.add(String.format(Locale.ROOT, "RSS after start-up : %s", megabytes(rssAfterStart * 1024)));
            lines.add(String.format(Locale.ROOT, "heap after start-up: %s", megabytes(heapAfterStart)));
            lines.add(String.format(Locale.ROOT, "warm-up            : %d invoices, %.0f invoices/s, p50 %.1f ms,"
                    + " p99 %.1f ms, non-202 %d", warm.count(), warm.perSecond(), warm.percentileMs(50),
                    warm.percentileMs(99), warm.non202()));
            lines.add(String.format(Locale.ROOT, "load               : %d invoices of %d bytes over HTTP, %d parallel"
                    + " clients, %.1f s", load.count(), bodySize, clients, load.wallNanos() / 1e9));
            lines.add(String.format(Locale.ROOT, "throughput         : %.0f invoices/s", load.perSecond()));
            lines.add(String.format(Locale.ROOT, "latency            : p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms, mean %.1f ms", load.percentileMs(50), load.percentileMs(90),
                    load.percentileMs(99), load.maxMs(), load.meanMs()));
            lines.add(String.format(Locale.ROOT, "non-202 answers    : %d%s (of which no answer at all: %d)",
                    load.non202(), load.non202() == 0 ? " (OK)" : " (MUST BE 0) " + load.statusCounts(),
                    load.errors()));
            lines.add(String.format(Locale.ROOT, "RSS after load     : %s", megabytes(rssAfterLoad * 1024)));
            lines.add(String.format(Locale.ROOT, "heap after load    : %s", megabytes(heapAfterLoad)));
            lines.add(String.format(Locale.ROOT, "invoices stored    : %d (expected %d)", stored, warmup + invoices));
            lines.add("==================================================================");
            lines.forEach(System.out::println);
            if (load.non202() != 0 || warm.non202() != 0) {
                keepData = true;
                System.out.println("Some answers were not 202; the gateway log is kept at " + gateway.log());
            }
        } catch (RuntimeException | Error e) {
            keepData = true;
            System.out.println("The benchmark failed; the gateway log is kept at " + gateway.log());
            throw e;
        } finally {
            gateway.close();
            if (!keepData) {
                GatewayProcess.deleteRecursively(dataDir);
            }
        }
    }

    /** The invoices of one phase, made before the clock starts. */
    private static byte[][] bodies(String prefix, int count, String sender, String receiver) {
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = TestInvoices.invoiceBytes(String.format(Locale.ROOT, "%s-%05d", prefix, i), sender, receiver);
        }
        return bodies;
    }

    /** One batch of submissions: each client takes the next invoice until none is left. */
    private record Phase(int count, long wallNanos, long[] sortedLatencyNanos, int[] statuses) {

        static Phase run(GatewayProcess gateway, HttpClient http, String apiKey, byte[][] bodies, int clients)
                throws Exception {
            int n = bodies.length;
            long[] latencies = new long[n];
            int[] statuses = new int[n];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
                Thread thread = new Thread(runnable, "benchmark-client");
                thread.setDaemon(true);
                return thread;
            });
            try {
                long start = System.nanoTime();
                List<Future<?>> workers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    workers.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            HttpRequest request = HttpRequest.newBuilder(gateway.url("/api/v1/invoices"))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/xml")
                                    .header("Authorization", "Bearer " + apiKey)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i]))
                                    .build();
                            long sent = System.nanoTime();
                            try {
                                statuses[i] = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            } catch (IOException e) {
                                statuses[i] = -1;
                            }
                            latencies[i] = System.nanoTime() - sent;
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                long wall = System.nanoTime() - start;
                Arrays.sort(latencies);
                return new Phase(n, wall, latencies, statuses);
            } finally {
                pool.shutdownNow();
            }
        }

        double perSecond() {
            return count == 0 ? 0 : count / (wallNanos / 1e9);
        }

        /** Nearest-rank percentile. */
        double percentileMs(double p) {
            if (count == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * count);
            return sortedLatencyNanos[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
        }

        double maxMs() {
            return count == 0 ? 0 : sortedLatencyNanos[count - 1] / 1e6;
        }

        double meanMs() {
            return count == 0 ? 0 : Arrays.stream(sortedLatencyNanos).average().orElse(0) / 1e6;
        }

        long non202() {
            return Arrays.stream(statuses).filter(s -> s != 202).count();
        }

        long errors() {
            return Arrays.stream(statuses).filter(s -> s == -1).count();
        }

        String statusCounts() {
            StringBuilder out = new StringBuilder();
            Arrays.stream(statuses).boxed().collect(java.util.stream.Collectors.groupingBy(s -> s,
                            java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .forEach((status, c) -> out.append(status == -1 ? "no answer" : "HTTP " + status).append(": ")
                            .append(c).append("; "));
            return out.toString();
        }
    }

    private static long storedInvoices(GatewayProcess gateway, HttpClient http, String apiKey) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            gateway.url("/api/v1/invoices?page=0&size=1"))
                    .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("total").asLong(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int intOption(String[] args, int position, String property, int fallback) {
        String value = args.length > position && !args[position].isBlank() ? args[position]
                : System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
    }

}
