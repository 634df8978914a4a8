package org.opengateway.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 in the middle of a stream of invoices over all three channels, then a restart on the same data folder:
 * every invoice the gateway had acknowledged (an HTTP 202, a file put in the inbox, a queue message the broker
 * confirmed) is there after the restart, exactly once, and intake goes on.
 *
 * <p>The gateway runs as the built jar in a child JVM ({@link GatewayProcess}); {@code Process.destroyForcibly()}
 * sends SIGKILL, so no shutdown hook, no Camel graceful stop, no H2 or Artemis close runs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {

    private static final int HTTP_COUNT = 150;
    private static final int HTTP_THREADS = 4;
    private static final int FILE_COUNT = 100;
    private static final int QUEUE_COUNT = 100;
    /** The gateway is killed once this many HTTP answers came back (40 %) and the other channels are under way. */
    private static final int KILL_AFTER_HTTP_ANSWERS = HTTP_COUNT * 40 / 100;
    private static final int KILL_AFTER_ARCHIVED_FILES = 1;
    private static final int KILL_AFTER_QUEUE_CONFIRMED = 25;
    /** Pacing, so that the three channels are all in full flow when the kill comes (about 4-5 s for each stream). */
    private static final long HTTP_PERMIT_EVERY_MS = 30;
    private static final long FILE_EVERY_MS = 45;
    private static final long QUEUE_EVERY_MS = 45;
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(240);
    /** No change for this long with an empty inbox: whatever is still missing is lost. */
    private static final Duration SETTLED = Duration.ofSeconds(15);
    private static final String QUEUE = "gateway.invoices.submit";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path dataDir;
    private static GatewayProcess gateway;
    private static boolean passed;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterAll
    static void stopGateway() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (dataDir == null) {
            return;
        }
        if (passed) {
            GatewayProcess.deleteRecursively(dataDir);
        } else {
            System.out.println("CrashRecoveryIT failed; the data folder with the gateway logs (gateway-1.log,"
                    + " gateway-2.log) is kept at " + dataDir);
        }
    }

    @Test
    void aKillNineLosesNoAcknowledgedInvoiceAndMakesNoneTwice() throws Exception {
        long testStart = System.nanoTime();
        Path jar = GatewayProcess.locateJar();
        dataDir = Files.createTempDirectory("gateway-crash-");
        int httpPort = GatewayProcess.freePort();
        int brokerPort = GatewayProcess.freePort();
        String[] gatewayArgs = GatewayProcess.extraArgsFromSystemProperty();

        gateway = GatewayProcess.start(jar, dataDir, httpPort, brokerPort, "gateway-1.log", gatewayArgs);
        Duration firstStart = gateway.awaitUp(GatewayProcess.START_DEADLINE);

        Properties demo = gateway.demoProperties();
        String apiKey = demo.getProperty("sender.api-key");
        String sender = demo.getProperty("sender.participant");
        String receiver = demo.getProperty("receiver.participant");
        Path inbox = Path.of(demo.getProperty("sender.inbox"));
        String slug = inbox.getFileName().toString();
        Path archive = dataDir.resolve("archive").resolve(slug);
        Path rejected = dataDir.resolve("rejected").resolve(slug);
        String run = UUID.randomUUID().toString().substring(0, 6);

        // ---- the three streams -------------------------------------------------------------------------------
        Map<String, String> apiAccepted = new ConcurrentHashMap<>();      // number -> id, from a 202
        Map<String, Integer> apiOtherAnswers = new ConcurrentHashMap<>(); // number -> status, anything but 202
        Set<String> apiUnanswered = ConcurrentHashMap.newKeySet();         // in flight at the kill, or sent after
        AtomicInteger apiAnswers = new AtomicInteger();
        AtomicInteger nextApi = new AtomicInteger();
        AtomicBoolean stopHttp = new AtomicBoolean();
        Semaphore httpPermits = new Semaphore(0);

        Map<String, byte[]> filesDropped = new ConcurrentHashMap<>();      // number -> bytes, now in the inbox
        AtomicInteger nextFile = new AtomicInteger();
        AtomicBoolean filesDone = new AtomicBoolean();
        List<String> dropFailures = new CopyOnWriteArrayList<>();

        List<String> queueConfirmed = new CopyOnWriteArrayList<>();       // send() returned: the broker has it
        Set<String> queueUnconfirmed = ConcurrentHashMap.newKeySet();      // send() threw: may or may not be there
        AtomicInteger nextQueue = new AtomicInteger();
        AtomicBoolean queueDone = new AtomicBoolean();

        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(gateway.brokerUrl());
        factory.setBlockOnDurableSend(true); // send() returns only once the broker has stored the message
        factory.setReconnectAttempts(0);
        factory.setCallTimeout(10_000);
        Connection jms = factory.createConnection("erp", apiKey);
        Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);

        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(3, daemon("crash-pacer"));
        ExecutorService httpClients = Executors.newFixedThreadPool(HTTP_THREADS, daemon("crash-http"));
        try {
            pacer.scheduleAtFixedRate(httpPermits::release, 0, HTTP_PERMIT_EVERY_MS, TimeUnit.MILLISECONDS);
            for (int t = 0; t < HTTP_THREADS; t++) {
                httpClients.submit(() -> {
                    while (!stopHttp.get()) {
                        try {
                            if (!httpPermits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                continue;
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                        int i = nextApi.getAndIncrement();
                        if (i >= HTTP_COUNT || stopHttp.get()) {
                            return;
                        }
                        String number = String.format("CR-%s-API-%03d", run, i);
                        try {
                            HttpResponse<String> response = post(apiKey,
                                    TestInvoices.invoiceBytes(number, sender, receiver));
                            if (response.statusCode() == 202) {
                                apiAccepted.put(number, JSON.readTree(response.body()).path("id").asString());
                            } else {
                                apiOtherAnswers.put(number, response.statusCode());
                            }
                            apiAnswers.incrementAndGet();
                        } catch (IOException e) {
                            apiUnanswered.add(number);
                        } catch (InterruptedException e) {
                            apiUnanswered.add(number);
                            return;
                        }
                    }
                });
            }
            pacer.scheduleAtFixedRate(() -> {
                int i = nextFile.getAndIncrement();
                if (i >= FILE_COUNT) {
                    filesDone.set(true);
                    return;
                }
                String number = String.format("CR-%s-FILE-%03d", run, i);
                byte[] bytes = TestInvoices.invoiceBytes(number, sender, receiver);
                try {
                    dropFile(inbox, number, bytes);
                    filesDropped.put(number, bytes);
                } catch (RuntimeException e) {
                    dropFailures.add(number + ": " + e);
                }
            }, 0, FILE_EVERY_MS, TimeUnit.MILLISECONDS);
            // one scheduled task at a time: the JMS session is used by this task only
            pacer.scheduleAtFixedRate(() -> {
                if (queueDone.get()) {
                    return;
                }
                int i = nextQueue.getAndIncrement();
                if (i >= QUEUE_COUNT) {
                    queueDone.set(true);
                    return;
                }
                String number = String.format("CR-%s-QUEUE-%03d", run, i);
                try {
                    TextMessage message = session.createTextMessage(TestInvoices.invoice(number, sender, receiver));
                    message.setStringProperty("GatewayApiKey", apiKey);
                    producer.send(message);
                    queueConfirmed.add(number);
                } catch (Exception e) {
                    // the broker is gone: this one may or may not have been stored; stop sending
                    queueUnconfirmed.add(number);
                    queueDone.set(true);
                }
            }, 0, QUEUE_EVERY_MS, TimeUnit.MILLISECONDS);

            // ---- kill -9 in the middle of it ----------------------------------------------------------------
            await("the three streams under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        assertThat(gateway.isAlive()).as("gateway alive before the kill").isTrue();
                        return apiAnswers.get() >= KILL_AFTER_HTTP_ANSWERS
                                && countXml(archive) >= KILL_AFTER_ARCHIVED_FILES
                                && queueConfirmed.size() >= KILL_AFTER_QUEUE_CONFIRMED;
                    });
            int apiAtKill = apiAccepted.size();
            int filesAtKill = filesDropped.size();
            int archivedAtKill = countXml(archive);
            int queueAtKill = queueConfirmed.size();
            gateway.kill();
            long killedAt = System.nanoTime();
            stopHttp.set(true);

            httpClients.shutdown();
            assertThat(httpClients.awaitTermination(60, TimeUnit.SECONDS)).as("HTTP submitters stopped").isTrue();
            await("all files dropped and the queue sender stopped").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).until(() -> filesDone.get() && queueDone.get());
            pacer.shutdownNow();
            closeQuietly(jms);
            int inboxAtRestart = countXml(inbox);

            // ---- restart on the same data folder and ports -----------------------------------------------------
            long restartAt = System.nanoTime();
            gateway = GatewayProcess.start(jar, dataDir, httpPort, brokerPort, "gateway-2.log", gatewayArgs);
            Duration restartUp = gateway.awaitUp(GatewayProcess.START_DEADLINE);

            Set<String> expected = new HashSet<>();
            expected.addAll(apiAccepted.keySet());
            expected.addAll(filesDropped.keySet());
            expected.addAll(queueConfirmed);
            // Waits until everything acknowledged is visible; gives up early when the inbox is empty and nothing has
            // changed for a while (an invoice lost in the crash never turns up), so that a failure is reported soon.
            AtomicInteger lastCount = new AtomicInteger(-1);
            long[] lastChange = {System.nanoTime()};
            await("inbox drained and every acknowledged invoice visible").atMost(RECOVERY_DEADLINE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        List<String> now = numbers(list(apiKey));
                        if (lastCount.getAndSet(now.size()) != now.size()) {
                            lastChange[0] = System.nanoTime();
                        }
                        boolean drained = countXml(inbox) == 0;
                        return drained && (now.containsAll(expected)
                                || System.nanoTime() - lastChange[0] > SETTLED.toNanos());
                    });
            long recoveredAt = System.nanoTime();
            Duration recovery = Duration.ofNanos(recoveredAt - restartAt);
            List<JsonNode> listed = list(apiKey);

            // ---- the assertions ------------------------------------------------------------------------------
            Map<String, List<JsonNode>> byNumber = new LinkedHashMap<>();
            for (JsonNode item : listed) {
                byNumber.computeIfAbsent(item.path("invoiceNumber").asString(""), n -> new ArrayList<>()).add(item);
            }
            Set<String> uncertain = new HashSet<>(apiUnanswered);
            uncertain.addAll(queueUnconfirmed);
            Set<String> attempted = new HashSet<>(expected);
            attempted.addAll(uncertain);
            attempted.addAll(apiOtherAnswers.keySet());

            List<String> lost = expected.stream().filter(n -> !byNumber.containsKey(n)).sorted()
                    .map(n -> apiAccepted.containsKey(n) ? n + " (answered 202, id " + apiAccepted.get(n) + ")"
                            : filesDropped.containsKey(n) ? n + " (file, now " + (Files.exists(archive.resolve(n + ".xml"))
                                    ? "in the archive)" : "not in the archive)")
                            : n + " (queue, confirmed by the broker)")
                    .toList();
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(lost).as("acknowledged before the kill but missing after the restart").isEmpty();
            soft.assertThat(apiOtherAnswers).as("HTTP answers other than 202 before the kill").isEmpty();
            soft.assertThat(dropFailures).as("files the test could not put in the inbox").isEmpty();
            soft.assertThat(apiAccepted).as("HTTP submissions answered 202").isNotEmpty();
            soft.assertThat(queueConfirmed).as("queue messages confirmed by the broker").isNotEmpty();
            byNumber.forEach((number, items) -> soft.assertThat(items)
                    .as("invoices with the number %s (each number was submitted once)", number).hasSize(1));
            soft.assertThat(byNumber.keySet()).as("invoice numbers listed that were never submitted")
                    .isSubsetOf(attempted);

            apiAccepted.forEach((number, id) -> {
                List<JsonNode> items = byNumber.getOrDefault(number, List.of());
                soft.assertThat(items).as("invoice %s, answered 202 with id %s", number, id).hasSize(1);
                if (items.size() == 1) {
                    JsonNode item = items.get(0);
                    soft.assertThat(item.path("id").asString()).as("id of %s", number).isEqualTo(id);
                    soft.assertThat(item.path("status").asString()).as("status of %s", number).isIn(GatewayIT.ACCEPTED_OR_LATER);
                    soft.assertThat(item.path("channel").asString()).as("channel of %s", number).isEqualTo("API");
                    JsonNode details = getJson(apiKey, "/api/v1/invoices/" + item.path("id").asString());
                    soft.assertThat(details.path("status").asString()).as("GET /invoices/%s status", id)
                            .isIn(GatewayIT.ACCEPTED_OR_LATER);
                    soft.assertThat(details.path("history").size()).as("history of %s", id)
                            .isGreaterThanOrEqualTo(2);
                }
            });
            filesDropped.forEach((number, bytes) -> {
                List<JsonNode> items = byNumber.getOrDefault(number, List.of());
                soft.assertThat(items).as("invoice %s, dropped as a file", number).hasSize(1);
                if (items.size() == 1) {
                    soft.assertThat(items.get(0).path("channel").asString()).as("channel of %s", number)
                            .isEqualTo("FOLDER");
                    soft.assertThat(items.get(0).path("status").asString()).as("status of %s", number)
                            .isIn(GatewayIT.ACCEPTED_OR_LATER);
                }
                Path archived = archive.resolve(number + ".xml");
                soft.assertThat(archived).as("archived file of %s", number).exists();
                if (Files.exists(archived)) {
                    soft.assertThat(readAll(archived)).as("archived bytes of %s", number).isEqualTo(bytes);
                }
            });
            soft.assertThat(countXml(archive)).as(".xml files in the archive (a second copy would be name-2.xml)")
                    .isEqualTo(FILE_COUNT);
            soft.assertThat(listFiles(rejected)).as("files in the rejected folder").isEmpty();
            soft.assertThat(listFiles(inbox).stream().filter(p -> p.toString().endsWith(".xml")).toList())
                    .as(".xml files left in the inbox").isEmpty();
            for (String number : queueConfirmed) {
                List<JsonNode> items = byNumber.getOrDefault(number, List.of());
                soft.assertThat(items).as("invoice %s, confirmed by the broker", number).hasSize(1);
                if (items.size() == 1) {
                    soft.assertThat(items.get(0).path("channel").asString()).as("channel of %s", number)
                            .isEqualTo("QUEUE");
                    soft.assertThat(items.get(0).path("status").asString()).as("status of %s", number)
                            .isIn(GatewayIT.ACCEPTED_OR_LATER);
                }
            }
            long uncertainPresent = uncertain.stream().filter(byNumber::containsKey).count();
            for (String number : uncertain) {
                soft.assertThat(byNumber.getOrDefault(number, List.of()).size())
                        .as("invoice %s, in flight at the kill: once or not at all", number).isLessThanOrEqualTo(1);
            }
            long total = listTotal(apiKey);
            soft.assertThat(listed).as("invoices listed for the sender").hasSize((int) total);
            soft.assertThat(total).as("invoices of the sender = acknowledged + those in flight that made it")
                    .isEqualTo(expected.size() + uncertainPresent);

            // ---- and intake goes on, on all three channels -----------------------------------------------------
            String apiAfter = "CR-" + run + "-AFTER-API";
            String fileAfter = "CR-" + run + "-AFTER-FILE";
            String queueAfter = "CR-" + run + "-AFTER-QUEUE";
            HttpResponse<String> after = post(apiKey, TestInvoices.invoiceBytes(apiAfter, sender, receiver));
            soft.assertThat(after.statusCode()).as("HTTP after the restart").isEqualTo(202);
            dropFile(inbox, fileAfter, TestInvoices.invoiceBytes(fileAfter, sender, receiver));
            sendOne(gateway.brokerUrl(), apiKey, TestInvoices.invoice(queueAfter, sender, receiver));
            await("intake after the restart").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> numbers(list(apiKey)).containsAll(List.of(apiAfter, fileAfter, queueAfter)));
            List<JsonNode> finalListing = list(apiKey);
            List<String> finalNumbers = numbers(finalListing);
            soft.assertThat(finalNumbers).as("invoice numbers at the end").doesNotHaveDuplicates();
            soft.assertThat(finalListing).as("invoices at the end").hasSize(listed.size() + 3);
            soft.assertThat(archive.resolve(fileAfter + ".xml")).as("file dropped after the restart, archived").exists();

            long filesTakenAfterRestart = FILE_COUNT - archivedAtKill;
            System.out.printf(Locale.ROOT,
                    "CrashRecoveryIT: killed after %d HTTP 202s / %d files dropped (%d archived) / %d queue confirmed;"
                            + " lost=%d; in total HTTP 202=%d (unanswered %d, %d of them present), files=%d (%d in the inbox"
                            + " at restart, %d taken after it), queue confirmed=%d (unconfirmed %d); invoices listed=%d;"
                            + " first start %.1f s, restart to UP %.1f s, restart to fully recovered %.1f s,"
                            + " kill to recovered %.1f s, whole test %.1f s%n",
                    apiAtKill, filesAtKill, archivedAtKill, queueAtKill, lost.size(),
                    apiAccepted.size(), apiUnanswered.size(),
                    apiUnanswered.stream().filter(byNumber::containsKey).count(),
                    filesDropped.size(), inboxAtRestart, filesTakenAfterRestart,
                    queueConfirmed.size(), queueUnconfirmed.size(), listed.size(),
                    seconds(firstStart), seconds(restartUp), seconds(recovery),
                    (recoveredAt - killedAt) / 1e9, (System.nanoTime() - testStart) / 1e9);
            soft.assertAll();
            passed = true;
        } finally {
            pacer.shutdownNow();
            httpClients.shutdownNow();
            closeQuietly(jms);
            gateway.close();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private HttpResponse<String> post(String apiKey, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(gateway.url("/api/v1/invoices"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/xml")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String apiKey, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.url(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiKey)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every invoice of the sender company, page by page (500 a page). */
    private List<JsonNode> list(String apiKey) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = getJson(apiKey, "/api/v1/invoices?page=" + page + "&size=500");
            JsonNode items = answer.path("items");
            items.forEach(all::add);
            if (items.size() < 500 || (long) (page + 1) * 500 >= answer.path("total").asLong()) {
                return all;
            }
        }
    }

    private long listTotal(String apiKey) {
        return getJson(apiKey, "/api/v1/invoices?page=0&size=1").path("total").asLong();
    }

    private static List<String> numbers(List<JsonNode> items) {
        return items.stream().map(item -> item.path("invoiceNumber").asString("")).toList();
    }

    /** Written as .tmp and renamed, so the gateway never sees half a file. */
    private static void dropFile(Path inbox, String number, byte[] bytes) {
        Path tmp = inbox.resolve(number + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, inbox.resolve(number + ".xml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sendOne(String brokerUrl, String apiKey, String xml) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        try (Connection connection = factory.createConnection("erp", apiKey)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(xml);
            message.setStringProperty("GatewayApiKey", apiKey);
            producer.send(message);
        } finally {
            factory.close();
        }
    }

    private static int countXml(Path folder) {
        return (int) listFiles(folder).stream().filter(p -> p.getFileName().toString().endsWith(".xml")).count();
    }

    private static List<Path> listFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (Exception e) {
            // the broker is gone
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

}
