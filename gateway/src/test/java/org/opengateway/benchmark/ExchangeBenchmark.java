package org.opengateway.benchmark;

import ch.qos.logback.classic.Level;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.httpclient.HttpClientManager;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.messaging.http.BasicHttpPoster;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.peppol.Phase4PeppolSender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.security.certificate.TrustedCAChecker;
import com.helger.scope.mgr.ScopeManager;
import com.helger.security.revocation.ERevocationCheckMode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.opengateway.GatewayApplication;
import org.opengateway.config.GatewayProperties;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestInvoices;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.As4ReceivingServlet;
import org.opengateway.transport.pki.TestPki;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sending end to end through two gateways, against bare phase4 on the same machine in the same run. Not a test: a
 * main class, run by hand.
 *
 * <p>How to run it, from the repository root (the directory with the parent pom.xml):
 * <pre>
 * mvn -o -q package -DskipTests
 * mvn -o -q -pl gateway test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
 *     -Dexec.mainClass=org.opengateway.benchmark.ExchangeBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * <p>It measures two things, one after the other, with the same closed loop of clients (each sends an invoice,
 * waits until it has arrived, then sends the next), the same warm-up and the same count:
 * <ol>
 * <li><b>Gateway end to end.</b> Two gateways from the built jar, each in its own child JVM (the sending one, A,
 * with gateway-a's key; the receiving one, B, with gateway-b's key; each looks recipients up in the other's SMP).
 * Each client POSTs an invoice from A's demo sender to B's demo receiver to A's {@code /api/v1/invoices}; it has
 * arrived when A publishes {@code DELIVERED} for it on its events topic, that is once B's signed receipt is stored.
 * The latency runs from just before the POST to the moment that event reaches the benchmark, so it covers intake,
 * validation, the database, the sending queue, the SMP lookup, the AS4 exchange, B storing it, and the event. At
 * the end, B must have received exactly as many invoices as were sent.</li>
 * <li><b>Bare phase4.</b> No gateway code on the sending side: stock {@link Phase4PeppolSender}s (signing with
 * gateway-a's key, encrypting for gateway-b's certificate, sent straight to the endpoint URL, no validation, no
 * database, no broker) send the same invoices to our {@link As4ReceivingServlet} in an embedded Tomcat in this
 * JVM, set up with gateway-b's key and a message processor that accepts every message without storing it.</li>
 * </ol>
 * Per part it prints invoices/s, latency p50, p99 and max, the errors by kind, the CPU time per invoice of each
 * process (on a machine shared with others the steadier figure) and the load average before and after; then both
 * side by side, with the ratios (gateway / bare phase4), the CPU count and the JVM options of each part.
 *
 * <p>Options, as system properties on the mvn command line:
 * <pre>
 * -Dbenchmark.invoices=3000        invoices measured, per part
 * -Dbenchmark.clients=8            concurrent clients (closed loop), per part
 * -Dbenchmark.warmup=3000          invoices sent first, not measured, per part (compiling takes minutes on 2 CPUs)
 * -Dbenchmark.timeout=120          seconds a client waits for one invoice to arrive before counting a timeout
 * -Dbenchmark.parts=gateway,phase4 which parts to run
 * -Dgateway.start-deadline=240     seconds each gateway may take to start (more on a machine busy with other work)
 * -Dbenchmark.phase4.factories=gateway
 *                                  gateway: bare phase4 runs with the factory settings the gateway makes at start
 *                                  ({@link GatewayApplication#preferBuiltInFactories()}); lookup: without them, so
 *                                  every new TransformerFactory is looked up on the classpath (and is Saxon's,
 *                                  which is on it)
 * -Dbenchmark.phase4.shared-http-client=false
 *                                  true: bare phase4 posts through one shared HTTP client (kept-alive connections)
 *                                  instead of phase4's default of a new client, and so a new connection, per send
 * -Dgateway.jar=PATH               the jar (default gateway/target/gateway.jar)
 * -Dgateway.args="--a=b ..."       extra arguments for both gateways, after the tuning below
 * </pre>
 *
 * <p>The gateways are tuned for throughput with {@link #TUNING}: as many parallel senders as there are clients, and a
 * retry after 1 s instead of 1 min, so that a transient failure shows as a slow invoice rather than a stalled client.
 * A publishes each change on its events topic as soon as it commits, and sends an accepted invoice from a free sender
 * at once, so neither needs tuning. Everything runs on
 * this machine and shares its CPUs: the clients in this JVM, the gateways in child JVMs ({@code -Xmx512m}), each on a
 * fresh temporary data folder that is deleted at the end (kept when something went wrong). The gateways run with the
 * parallel collector, as the README recommends for a machine with few CPUs ({@code -Dgateway.jvm-options=-XX:+UseG1GC}
 * for the JVM's default). Bare phase4 logs warnings only here; the gateways log at INFO into their data folders.
 */
public final class ExchangeBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final List<String> FACTORY_SETTINGS = List.of("javax.xml.transform.TransformerFactory");
    /** USER_HZ of Linux, the unit of /proc/<pid>/stat: 100 on every usual kernel build. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    // demo companies: A's sender sends to B's receiver (B's sender and A's receiver are not used)
    private static final String A_SENDER = "5567321707";
    private static final String A_RECEIVER = "5564982212";
    private static final String B_SENDER = "5566778808";
    private static final String B_RECEIVER = "5599112231";
    private static final String INVOICE_TYPE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    private static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    /** Settings given to both gateways (see the class comment); {@code %d} is the number of clients. */
    private static final String[] TUNING = {"--gateway.sending.parallel=%d", "--gateway.sending.retry.first-delay=1s"};
    /** A's events are how the benchmark learns of DELIVERED, so A publishes them often; B's are not listened to. */
    /** How the README ("Operating it") says to start the gateway on a machine with few CPUs. */
    private static final String RECOMMENDED_GC = "-XX:+UseParallelGC";

    /**
     * The gateways run as the README recommends for a small machine, with the parallel collector, unless the options
     * of {@code gateway.jvm-options} choose a collector themselves (two would stop the JVM from starting).
     */
    private static void launchGatewaysAsRecommended() {
        String given = System.getProperty("gateway.jvm-options", "").trim();
        if (!given.matches("(?s).*-XX:\\+Use\\w*GC\\b.*")) {
            System.setProperty("gateway.jvm-options", (RECOMMENDED_GC + " " + given).trim());
        }
    }

    private ExchangeBenchmark() {
    }

    /** The options of one run. */
    private record Options(int invoices, int clients, int warmup, Duration timeout, String parts,
            boolean gatewayFactories, boolean sharedHttpClient) {

        static Options fromSystemProperties() {
            return new Options(intOption("benchmark.invoices", 3000), intOption("benchmark.clients", 8),
                    intOption("benchmark.warmup", 3000), Duration.ofSeconds(intOption("benchmark.timeout", 120)),
                    System.getProperty("benchmark.parts", "gateway,phase4"),
                    !"lookup".equals(System.getProperty("benchmark.phase4.factories", "gateway")),
                    Boolean.getBoolean("benchmark.phase4.shared-http-client"));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystemProperties();
        launchGatewaysAsRecommended();
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Part> parts = new ArrayList<>();
        if (options.parts().contains("gateway")) {
            parts.add(gatewayEndToEnd(options, run));
        }
        if (options.parts().contains("phase4")) {
            parts.add(barePhase4(options, run));
        }
        List<String> lines = new ArrayList<>();
        lines.add("==================== exchange benchmark: gateway end to end vs bare phase4 ====================");
        lines.add(String.format(Locale.ROOT, "machine       : %d CPUs, Java %s, %s", Runtime.getRuntime()
                .availableProcessors(), System.getProperty("java.version"), java.time.LocalDate.now()));
        lines.add(String.format(Locale.ROOT, "load per part : %d concurrent clients (closed loop), %d warm-up, %d"
                + " measured invoices of %d bytes", options.clients(), options.warmup(), options.invoices(),
                TestInvoices.invoiceBytes("BENCH-" + run + "-L-00000", "0007:" + A_SENDER, "0007:" + B_RECEIVER)
                        .length));
        lines.add(String.format(Locale.ROOT, "client JVM    : %s", thisJvmOptions()));
        for (Part part : parts) {
            lines.add("");
            lines.addAll(part.describe());
        }
        if (parts.size() == 2) {
            Phase gateway = parts.get(0).measured();
            Phase bare = parts.get(1).measured();
            lines.add("");
            lines.add(String.format(Locale.ROOT, "%-22s %12s %12s %10s", "", "gateway", "bare phase4", "ratio"));
            lines.add(row("invoices/s", gateway.perSecond(), bare.perSecond(), "%.1f"));
            lines.add(row("latency p50 (ms)", gateway.percentileMs(50), bare.percentileMs(50), "%.1f"));
            lines.add(row("latency p99 (ms)", gateway.percentileMs(99), bare.percentileMs(99), "%.1f"));
            lines.add(row("latency max (ms)", gateway.maxMs(), bare.maxMs(), "%.1f"));
            lines.add(String.format(Locale.ROOT, "%-22s %12d %12d", "errors", gateway.errorCount(),
                    bare.errorCount()));
            lines.add("ratio = gateway / bare phase4: below 1 for throughput, above 1 for latency, is what the"
                    + " gateway costs");
        }
        lines.add("================================================================================================");
        lines.forEach(System.out::println);
        System.exit(0); // phase4 and Artemis leave non-daemon threads behind
    }

    private static String row(String label, double gateway, double bare, String format) {
        return String.format(Locale.ROOT, "%-22s %12s %12s %10s", label, String.format(Locale.ROOT, format, gateway),
                String.format(Locale.ROOT, format, bare), bare == 0 ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", gateway / bare));
    }

    // ---------------------------------------------------------------- part 1: two gateways

    private static Part gatewayEndToEnd(Options options, String run) throws Exception {
        Path root = Files.createTempDirectory("exchange-bench-");
        Path jar = GatewayProcess.locateJar();
        String operatorUser = "benchmark";
        String operatorPassword = UUID.randomUUID().toString();
        int aHttp = GatewayProcess.freePort();
        int bHttp = GatewayProcess.freePort();
        List<String> tuning = new ArrayList<>();
        for (String setting : TUNING) {
            tuning.add(setting.contains("%d") ? String.format(Locale.ROOT, setting, options.clients()) : setting);
        }
        tuning.addAll(List.of(GatewayProcess.extraArgsFromSystemProperty()));
        List<String> aArgs = new ArrayList<>(List.of("--gateway.as4.keystore=" + SampleKeys.file("gateway-a.p12"),
                "--gateway.demo.sender-org-number=" + A_SENDER, "--gateway.demo.receiver-org-number=" + A_RECEIVER,
                "--gateway.smp.url=http://127.0.0.1:" + bHttp, "--gateway.broker.operator-user=" + operatorUser,
                "--gateway.broker.operator-password=" + operatorPassword));
        List<String> bArgs = new ArrayList<>(List.of("--gateway.as4.keystore=" + SampleKeys.file("gateway-b.p12"),
                "--gateway.demo.sender-org-number=" + B_SENDER, "--gateway.demo.receiver-org-number=" + B_RECEIVER,
                "--gateway.smp.url=http://127.0.0.1:" + aHttp));
        aArgs.addAll(tuning);
        bArgs.addAll(tuning);
        boolean keep = true;
        GatewayProcess a = GatewayProcess.start(jar, root.resolve("a"), aHttp, GatewayProcess.freePort(), "a.log",
                aArgs.toArray(String[]::new));
        GatewayProcess b = GatewayProcess.start(jar, root.resolve("b"), bHttp, GatewayProcess.freePort(), "b.log",
                bArgs.toArray(String[]::new));
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.awaitUp(GatewayProcess.START_DEADLINE)),
                    CompletableFuture.runAsync(() -> b.awaitUp(GatewayProcess.START_DEADLINE))).join();
            String apiKey = a.demoProperties().getProperty("sender.api-key");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Phase warm;
            Phase measured;
            try (Arrivals arrivals = Arrivals.listen(a.brokerUrl(), operatorUser, operatorPassword)) {
                Exchange exchange = body -> submitAndAwait(a, http, apiKey, body, arrivals, options.timeout());
                Map<String, LongSupplier> cpu = new LinkedHashMap<>();
                cpu.put("A", () -> childCpuNanos(a));
                cpu.put("B", () -> childCpuNanos(b));
                cpu.put("clients", ExchangeBenchmark::thisJvmCpuNanos);
                warm = Phase.run(bodies("BENCH-" + run + "-GW", options.warmup()), options.clients(), exchange, cpu);
                long jitBeforeA = childJitCpuNanos(a);
                long jitBeforeB = childJitCpuNanos(b);
                measured = Phase.run(bodies("BENCH-" + run + "-GL", options.invoices()), options.clients(),
                        exchange, cpu);
                measured.notes().add(String.format(Locale.ROOT, "of which JIT  : A %.1f ms, B %.1f ms (the JIT"
                                + " compiler's threads; a warm JVM spends little here)",
                        (childJitCpuNanos(a) - jitBeforeA) / 1e6 / options.invoices(),
                        (childJitCpuNanos(b) - jitBeforeB) / 1e6 / options.invoices()));
                measured.notes().add(String.format(Locale.ROOT, "retries seen  : %d RETRY_SCHEDULED events",
                        arrivals.retries()));
            }
            long expected = options.warmup() + options.invoices();
            Long received = receivedOnB(b, http);
            measured.notes().add("B received    : " + (received == null
                    ? "not checked (B has no GET /api/v1/received on this build)"
                    : received + " (expected " + expected + (received == expected ? ", OK)" : ", MISMATCH)")));
            keep = warm.errorCount() > 0 || measured.errorCount() > 0
                    || (received != null && received != expected);
            List<String> jvm = List.of(
                    "gateway A JVM : " + childJvmOptions(a) + ", args " + String.join(" ", tuning),
                    "gateway B JVM : " + childJvmOptions(b) + ", args " + String.join(" ", tuning));
            if (keep) {
                measured.notes().add("logs kept     : " + a.log() + " and " + b.log());
            }
            return new Part("gateway end to end (A -> B, two child JVMs)", jvm, warm, measured);
        } catch (RuntimeException | Error e) {
            System.out.println("The gateway part failed; the logs are kept at " + a.log() + " and " + b.log());
            throw e;
        } finally {
            a.close();
            b.close();
            if (!keep) {
                GatewayProcess.deleteRecursively(root);
            }
        }
    }

    /** Posts one invoice to A and waits for its final state on A's events topic; null when it was delivered. */
    private static Outcome submitAndAwait(GatewayProcess a, HttpClient http, String apiKey, byte[] body,
            Arrivals arrivals, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(a.url("/api/v1/invoices"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/xml")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Outcome.failed(start, "no answer to the POST");
        }
        if (answer.statusCode() != 202) {
            return Outcome.failed(start, "HTTP " + answer.statusCode());
        }
        String id = JSON.readTree(answer.body()).path("id").asString("");
        try {
            Arrival arrival = arrivals.of(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return "DELIVERED".equals(arrival.status()) ? new Outcome(start, arrival.nanos(), null)
                    : Outcome.failed(start, arrival.status());
        } catch (TimeoutException e) {
            return Outcome.failed(start, "timeout");
        } catch (java.util.concurrent.ExecutionException e) {
            return Outcome.failed(start, "listener failed");
        } finally {
            arrivals.forget(id);
        }
    }

    /** B's count of received invoices, or null when B has no such API (404). */
    private static Long receivedOnB(GatewayProcess b, HttpClient http) throws InterruptedException {
        String key = b.demoProperties().getProperty("receiver.api-key");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(b.url("/api/v1/received?size=1"))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 404) {
                return null;
            }
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("total").asLong(-1) : -1;
        } catch (IOException e) {
            return -1L;
        }
    }

    /** The final state of an invoice as published on the events topic, and when it reached the benchmark. */
    private record Arrival(String status, long nanos) {
    }

    /**
     * Follows A's events topic as the operator and completes, per invoice id, a future with its final state. An event
     * may come before the client has its id (if the client thread is slow to run): both sides use the same map entry.
     */
    private static final class Arrivals implements AutoCloseable {

        private final Connection connection;
        private final Map<String, CompletableFuture<Arrival>> byId = new ConcurrentHashMap<>();
        private final AtomicLong retries = new AtomicLong();

        private Arrivals(Connection connection) {
            this.connection = connection;
        }

        static Arrivals listen(String brokerUrl, String user, String password) throws JMSException {
            Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection(user, password);
            Arrivals arrivals = new Arrivals(connection);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = session.createConsumer(session.createTopic("gateway.invoices.events"));
            events.setMessageListener(message -> {
                long now = System.nanoTime();
                try {
                    JsonNode event = JSON.readTree(((TextMessage) message).getText());
                    String status = event.path("status").asString("");
                    switch (status) {
                        case "DELIVERED", "UNDELIVERED", "REJECTED" ->
                                arrivals.of(event.path("id").asString("")).complete(new Arrival(status, now));
                        case "RETRY_SCHEDULED" -> arrivals.retries.incrementAndGet();
                        default -> {
                            // RECEIVED, ACCEPTED, SENDING: on the way
                        }
                    }
                } catch (JMSException | RuntimeException e) {
                    System.out.println("Unreadable event: " + e);
                }
            });
            connection.start();
            return arrivals;
        }

        CompletableFuture<Arrival> of(String id) {
            return byId.computeIfAbsent(id, any -> new CompletableFuture<>());
        }

        void forget(String id) {
            byId.remove(id);
        }

        long retries() {
            return retries.get();
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    // ---------------------------------------------------------------- part 2: bare phase4

    private static Part barePhase4(Options options, String run) throws Exception {
        FACTORY_SETTINGS.forEach(System::clearProperty);
        if (options.gatewayFactories()) {
            GatewayApplication.preferBuiltInFactories();
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        // WSS4J warns for every message that no subject constraints are set; the gateways silence it too
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.wss4j.common.crypto.CryptoBase"))
                .setLevel(Level.ERROR);
        // Tomcat and the JDK's XML signature log through java.util.logging (a warning per message for the latter)
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        // phase4's global state as phase4 sets it up itself: its in-memory managers, duplicate check included
        ScopeManager.onGlobalBegin("exchange-benchmark");
        MetaAS4Manager.getInstance();
        Path base = Files.createTempDirectory("exchange-bench-phase4-");
        Tomcat tomcat = receiver(base);
        SharedClientPoster sharedPoster = options.sharedHttpClient() ? new SharedClientPoster() : null;
        try {
            String url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/as4";
            KeyStore trust = SampleKeys.load(SampleKeys.file("truststore.p12"));
            IAS4CryptoFactory crypto = new AS4CryptoFactoryInMemoryKeyStore(
                    SampleKeys.load(SampleKeys.file("gateway-a.p12")), TestPki.KEY_ALIAS,
                    TestPki.PASSWORD.toCharArray(), trust);
            TrustedCAChecker cas = caChecker(trust);
            X509Certificate receiverCertificate = SampleKeys.certificate(SampleKeys.file("gateway-b.p12"));
            Exchange exchange = body -> {
                long start = System.nanoTime();
                EAS4UserMessageSendResult result = Phase4PeppolSender.builder()
                        .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                        .customHttpPoster(sharedPoster)
                        .cryptoFactory(crypto)
                        .peppolAP_CAChecker(cas)
                        .documentTypeID(IDS.createDocumentTypeIdentifierWithDefaultScheme(INVOICE_TYPE))
                        .processID(IDS.createProcessIdentifierWithDefaultScheme(BILLING_PROCESS))
                        .senderParticipantID(IDS.createParticipantIdentifierWithDefaultScheme("0007:" + A_SENDER))
                        .receiverParticipantID(IDS.createParticipantIdentifierWithDefaultScheme("0007:" + B_RECEIVER))
                        .senderPartyID("PSE000001")
                        .countryC1("SE")
                        .payload(body)
                        .disableValidation()
                        .receiverEndpointDetails(receiverCertificate, url)
                        .sendMessageAndCheckForReceipt();
                return result == EAS4UserMessageSendResult.SUCCESS ? new Outcome(start, System.nanoTime(), null)
                        : Outcome.failed(start, result.name());
            };
            Map<String, LongSupplier> cpu = Map.of("sender+receiver+clients", ExchangeBenchmark::thisJvmCpuNanos);
            Phase warm = Phase.run(bodies("BENCH-" + run + "-PW", options.warmup()), options.clients(), exchange,
                    cpu);
            Phase measured = Phase.run(bodies("BENCH-" + run + "-PL", options.invoices()), options.clients(),
                    exchange, cpu);
            List<String> jvm = List.of("sender+receiver: this JVM (" + thisJvmOptions() + "), Tomcat "
                    + org.apache.catalina.util.ServerInfo.getServerNumber() + " defaults, "
                    + FACTORY_SETTINGS.stream().map(p -> p + "=" + System.getProperty(p, "(unset: looked up)"))
                            .collect(java.util.stream.Collectors.joining(", ")) + ", " + (sharedPoster == null ? "phase4's default HTTP poster (a new client per send)"
                            : "one shared HTTP client"));
            return new Part("bare phase4 (Phase4PeppolSender -> As4ReceivingServlet, accept without storing)", jvm,
                    warm, measured);
        } finally {
            if (sharedPoster != null) {
                sharedPoster.close();
            }
            tomcat.stop();
            tomcat.destroy();
            ScopeManager.onGlobalEnd();
            GatewayProcess.deleteRecursively(base);
        }
    }

    /** Our AS4 servlet with gateway-b's key and a processor that accepts everything, on a free loopback port. */
    private static Tomcat receiver(Path base) throws LifecycleException {
        As4Keys keys = As4Keys.load(new GatewayProperties.As4(SampleKeys.file("gateway-b.p12"), TestPki.PASSWORD,
                TestPki.KEY_ALIAS, SampleKeys.file("truststore.p12"), TestPki.PASSWORD));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "as4", new As4ReceivingServlet(keys.cryptoFactory(), new AcceptingProcessor(), () -> { }));
        context.addServletMappingDecoded("/as4", "as4");
        tomcat.start();
        return tomcat;
    }

    /** Accepts every message that phase4 has decrypted and verified, and keeps nothing: a receipt goes back. */
    private static final class AcceptingProcessor implements IAS4IncomingMessageProcessorSPI {

        @Override
        public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers, Ebms3UserMessage message, IPMode pmode, Node payload,
                ICommonsList<WSS4JAttachment> attachments, IAS4IncomingMessageState state, AS4ErrorList errors) {
            return AS4MessageProcessorResult.createSuccess();
        }

        @Override
        public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers, Ebms3SignalMessage message, IPMode pmode, IAS4IncomingMessageState state,
                AS4ErrorList errors) {
            return AS4SignalMessageProcessorResult.createSuccess();
        }

        @Override
        public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state,
                String responseMessageId, byte[] responseBytes, boolean responsePayloadIsAvailable,
                AS4ErrorList errors) {
            // nothing to keep
        }
    }

    private static TrustedCAChecker caChecker(KeyStore trust) throws GeneralSecurityException {
        List<X509Certificate> cas = new ArrayList<>();
        for (String alias : Collections.list(trust.aliases())) {
            cas.add((X509Certificate) trust.getCertificate(alias));
        }
        return new TrustedCAChecker(ERevocationCheckMode.NONE, Duration.ofHours(1), 100,
                cas.toArray(X509Certificate[]::new));
    }

    /** phase4's poster with one HTTP client for all sends, so connections are kept alive and reused. */
    private static final class SharedClientPoster extends BasicHttpPoster implements AutoCloseable {

        private final HttpClientManager client = new HttpClientManager(getHttpClientFactory());

        @Override
        public <T> T sendGenericMessage(String url, HttpHeaderMap headers, HttpEntity entity,
                HttpClientResponseHandler<? extends T> handler) throws IOException {
            HttpPost post = new HttpPost(url);
            if (headers != null) {
                headers.forEachSingleHeader(post::addHeader, true, false);
            }
            post.setEntity(entity);
            return client.execute(post, handler);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    // ---------------------------------------------------------------- the closed loop and its figures

    /** One send and wait; returns when the invoice has arrived or failed. */
    @FunctionalInterface
    private interface Exchange {
        Outcome send(byte[] body) throws Exception;
    }

    /** When a send started and ended, and why it failed (null when it arrived). */
    private record Outcome(long startNanos, long endNanos, String error) {
        static Outcome failed(long start, String error) {
            return new Outcome(start, System.nanoTime(), error);
        }
    }

    /** The invoices of one phase, made before the clock starts: A's demo sender to B's demo receiver. */
    private static byte[][] bodies(String prefix, int count) {
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = TestInvoices.invoiceBytes(String.format(Locale.ROOT, "%s-%05d", prefix, i), "0007:" + A_SENDER,
                    "0007:" + B_RECEIVER);
        }
        return bodies;
    }

    /** One batch: each client takes the next invoice until none is left. Latencies of arrived invoices only. */
    private record Phase(int count, long wallNanos, long[] sortedLatencyNanos, Map<String, Integer> errors,
            Map<String, Long> cpuNanos, List<String> notes) {

        static Phase run(byte[][] bodies, int clients, Exchange exchange, Map<String, LongSupplier> cpuMeters)
                throws Exception {
            int n = bodies.length;
            Outcome[] outcomes = new Outcome[n];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
                Thread thread = new Thread(runnable, "benchmark-client");
                thread.setDaemon(true);
                return thread;
            });
            try {
                Map<String, Long> cpuBefore = new LinkedHashMap<>();
                cpuMeters.forEach((name, meter) -> cpuBefore.put(name, meter.getAsLong()));
                String loadBefore = loadAverage();
                long start = System.nanoTime();
                List<Future<?>> workers = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    workers.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            long began = System.nanoTime();
                            try {
                                outcomes[i] = exchange.send(bodies[i]);
                            } catch (Exception e) {
                                outcomes[i] = new Outcome(began, System.nanoTime(), e.getClass().getSimpleName());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                long wall = System.nanoTime() - start;
                Map<String, Long> cpu = new LinkedHashMap<>();
                cpuMeters.forEach((name, meter) -> cpu.put(name, meter.getAsLong() - cpuBefore.get(name)));
                Map<String, Integer> errors = new TreeMap<>();
                List<Long> latencies = new ArrayList<>(n);
                for (Outcome outcome : outcomes) {
                    if (outcome.error() == null) {
                        latencies.add(outcome.endNanos() - outcome.startNanos());
                    } else {
                        errors.merge(outcome.error(), 1, Integer::sum);
                    }
                }
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                List<String> notes = new ArrayList<>();
                notes.add("machine load  : " + loadBefore + " before, " + loadAverage() + " after (load average of"
                        + " 1, 5, 15 min; above the CPU count, others were running too)");
                return new Phase(n, wall, sorted, errors, cpu, notes);
            } finally {
                pool.shutdownNow();
            }
        }

        int errorCount() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Arrived invoices per second of wall time. */
        double perSecond() {
            return (count - errorCount()) / (wallNanos / 1e9);
        }

        /** Nearest-rank percentile of the arrived invoices. */
        double percentileMs(double p) {
            int arrived = sortedLatencyNanos.length;
            if (arrived == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * arrived);
            return sortedLatencyNanos[Math.max(0, Math.min(arrived, rank) - 1)] / 1e6;
        }

        double maxMs() {
            return sortedLatencyNanos.length == 0 ? 0 : sortedLatencyNanos[sortedLatencyNanos.length - 1] / 1e6;
        }

        String summary() {
            return String.format(Locale.ROOT, "%d invoices in %.1f s: %.1f invoices/s, p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms, errors %d%s", count, wallNanos / 1e9, perSecond(), percentileMs(50),
                    percentileMs(99), maxMs(), errorCount(), errors.isEmpty() ? "" : " " + errors);
        }

        /** CPU time (user + system) per invoice of each process, and in all. */
        String cpuPerInvoice() {
            StringBuilder out = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> entry : cpuNanos.entrySet()) {
                out.append(String.format(Locale.ROOT, "%s %.1f ms, ", entry.getKey(), entry.getValue() / 1e6 / count));
                total += entry.getValue();
            }
            return out.append(String.format(Locale.ROOT, "total %.1f ms", totalCpuMsPerInvoice())).toString();
        }

        double totalCpuMsPerInvoice() {
            return cpuNanos.values().stream().mapToLong(Long::longValue).sum() / 1e6 / count;
        }
    }

    /** What one part measured, and how its JVMs were set up. */
    private record Part(String name, List<String> jvms, Phase warm, Phase measured) {
        List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add("--- " + name);
            jvms.forEach(lines::add);
            lines.add("warm-up       : " + warm.summary());
            lines.add("measured      : " + measured.summary());
            lines.add("CPU / invoice : " + measured.cpuPerInvoice());
            lines.addAll(measured.notes());
            return lines;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The JVM options of a child gateway, from its command line (everything between java and -jar). */
    private static String childJvmOptions(GatewayProcess process) {
        try {
            String[] command = new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()),
                    "cmdline")), StandardCharsets.UTF_8).split("\0");
            List<String> options = new ArrayList<>();
            for (int i = 1; i < command.length && !command[i].equals("-jar"); i++) {
                options.add(command[i]);
            }
            return String.join(" ", options);
        } catch (IOException e) {
            return "(no /proc here)";
        }
    }

    /** CPU time of this JVM so far (user + system), in nanoseconds. */
    private static long thisJvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of a child gateway so far, from /proc/<pid>/stat (utime + stime), in nanoseconds; 0 without /proc. */
    private static long childCpuNanos(GatewayProcess process) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")))
                    * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU time so far of a child gateway's JIT compiler threads (C1 and C2), from /proc/<pid>/task/<tid>/stat, in
     * nanoseconds; 0 without /proc. Shows whether the measured phase ran on compiled code or still paid for compiling.
     */
    private static long childJitCpuNanos(GatewayProcess process) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        ticks += cpuTicks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** utime + stime of a /proc .../stat line, in clock ticks. */
    private static long cpuTicks(String stat) {
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The load average of the machine (1, 5, 15 minutes), which tells how much others were running meanwhile. */
    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String thisJvmOptions() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return String.format(Locale.ROOT, "max heap %d MB%s", Runtime.getRuntime().maxMemory() / (1024 * 1024),
                options.isEmpty() ? "" : ", " + String.join(" ", options));
    }

    private static int intOption(String property, int fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
