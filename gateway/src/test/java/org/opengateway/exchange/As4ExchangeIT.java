package org.opengateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opengateway.crash.GatewayProcess;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestInvoices;
import tools.jackson.databind.JsonNode;

/**
 * Two gateways, each in its own JVM with its own access-point certificate (gateway-a and gateway-b of the test PKI),
 * data folder and demo companies, exchange invoices over real AS4 on loopback: each finds the other's access point
 * through the other's SMP (nothing is short-circuited), sends signed and encrypted, and keeps the signed receipt.
 * The receiver holds back each AS4 answer for a moment (a test hook), so that a test can kill either side while the
 * receiver has the document and the sender has no receipt yet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As4ExchangeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String A_SENDER = "5567321707";
    private static final String A_RECEIVER = "5564982212";
    private static final String B_SENDER = "5566778808";
    private static final String B_RECEIVER = "5599112231";

    private static Path root;
    private static Peer a;
    private static Peer b;

    @BeforeAll
    static void startBoth() throws Exception {
        root = Files.createTempDirectory("exchange-");
        Path jar = GatewayProcess.locateJar();
        String[] fast = {"--gateway.sending.poll-interval=100", "--gateway.sending.connect-timeout=2s",
                "--gateway.sending.response-timeout=15s", "--gateway.sending.lease=20s",
                "--gateway.sending.retry.first-delay=1s", "--gateway.sending.retry.max-delay=3s",
                "--gateway.sending.circuit.open-for=3s", "--gateway.intake.folder-poll-interval=100",
                "--gateway.receiving.delivery-interval=100", "--gateway.test-hooks.as4-response-pause=3s"};
        a = new Peer("a", jar, root.resolve("a"), fast).with(
                "--gateway.as4.keystore=" + SampleKeys.file("gateway-a.p12"),
                "--gateway.demo.sender-org-number=" + A_SENDER, "--gateway.demo.receiver-org-number=" + A_RECEIVER);
        b = new Peer("b", jar, root.resolve("b"), fast).with(
                "--gateway.as4.keystore=" + SampleKeys.file("gateway-b.p12"),
                "--gateway.demo.sender-org-number=" + B_SENDER, "--gateway.demo.receiver-org-number=" + B_RECEIVER);
        // each looks recipients up in the other's SMP
        a.with("--gateway.smp.url=" + b.baseUrl());
        b.with("--gateway.smp.url=" + a.baseUrl());
        a.start();
        b.start();
        CompletableFuture.allOf(CompletableFuture.runAsync(a::awaitUp), CompletableFuture.runAsync(b::awaitUp)).join();
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (Peer peer : new Peer[] {a, b}) {
            if (peer != null) {
                peer.close();
            }
        }
        if (root != null) {
            GatewayProcess.deleteRecursively(root);
        }
    }

    @Test
    @Order(1)
    void anInvoiceGoesFromAToBAndComesBackWithASignedReceipt() {
        String number = number("A2B");
        String id = submit(a, number, "0007:" + A_SENDER, "0007:" + B_RECEIVER);

        JsonNode invoice = awaitStatus(a, id, "DELIVERED");
        JsonNode delivery = invoice.get("delivery");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("receivingAccessPoint").asString()).isEqualTo("PSE000002");
        assertThat(delivery.get("receivingEndpoint").asString()).isEqualTo(b.baseUrl() + "/as4");
        assertThat(delivery.get("receiptMessageId").asString()).isNotBlank();
        HttpResponse<String> receipt = a.get(delivery.get("receipt").asString(), a.demo("sender.api-key"));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("Receipt").contains("SignatureValue")
                .contains(delivery.get("as4MessageId").asString());
        assertThat(invoice.get("history").findValuesAsString("status"))
                .containsExactly("RECEIVED", "ACCEPTED", "SENDING", "DELIVERED");

        JsonNode received = awaitReceived(b, "receiver", number);
        assertThat(received.get("sender").asString()).contains(A_SENDER);
        Path outbox = Path.of(b.demo("receiver.outbox"));
        await().atMost(DEADLINE).until(() -> filesNamed(outbox, number).size() == 1);
        assertThat(filesNamed(outbox, number).get(0).getFileName().toString())
                .isEqualTo(number + "_" + received.get("id").asString() + ".xml");
    }

    @Test
    @Order(2)
    void andTheOtherWayRound() {
        String number = number("B2A");
        String id = submit(b, number, "0007:" + B_SENDER, "0007:" + A_RECEIVER);
        JsonNode invoice = awaitStatus(b, id, "DELIVERED");
        assertThat(invoice.get("delivery").get("receivingAccessPoint").asString()).isEqualTo("PSE000001");
        awaitReceived(a, "receiver", number);
    }

    @Test
    @Order(3)
    void aRecipientNoSmpKnowsIsUndeliveredAtOnceWithTheReason() {
        String id = submit(a, number("NOBODY"), "0007:" + A_SENDER, "0007:5560000009");
        JsonNode invoice = awaitStatus(a, id, "UNDELIVERED");
        assertThat(invoice.get("statusReason").asString()).contains("not registered in Peppol");
        assertThat(invoice.get("delivery").get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void whenTheReceiverIsDownTheSenderRetriesAndDeliversOnceItIsBack() {
        b.kill();
        String number = number("DOWN");
        String id = submit(a, number, "0007:" + A_SENDER, "0007:" + B_RECEIVER);
        JsonNode waiting = awaitStatus(a, id, "RETRY_SCHEDULED");
        assertThat(waiting.get("statusReason").asString()).contains("could not be reached").contains("Attempt 2");
        assertThat(waiting.get("delivery").get("nextAttemptAt").asString()).isNotBlank();

        b.start();
        b.awaitUp();
        JsonNode delivered = awaitStatus(a, id, "DELIVERED");
        assertThat(delivered.get("delivery").get("attempts").asInt()).isGreaterThan(1);
        assertThat(delivered.get("history").findValuesAsString("status")).contains("RETRY_SCHEDULED");
        assertThat(receivedCount(b, "receiver", number)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void killingTheSenderMidTransferLosesNothingAndDuplicatesNothing() {
        String number = number("KILLA");
        String id = submit(a, number, "0007:" + A_SENDER, "0007:" + B_RECEIVER);
        // b has stored it and holds back its receipt for a moment: kill a now
        awaitReceived(b, "receiver", number);
        a.kill();
        a.start();
        a.awaitUp();

        JsonNode delivered = awaitStatus(a, id, "DELIVERED");
        assertThat(delivered.get("delivery").get("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.get("history").toString()).contains("cut short");
        assertThat(receivedCount(b, "receiver", number)).isEqualTo(1);
        Path outbox = Path.of(b.demo("receiver.outbox"));
        assertThat(filesNamed(outbox, number)).hasSize(1);
    }

    @Test
    @Order(6)
    void killingTheReceiverMidTransferLosesNothingAndDuplicatesNothing() {
        String number = number("KILLB");
        String id = submit(a, number, "0007:" + A_SENDER, "0007:" + B_RECEIVER);
        awaitReceived(b, "receiver", number);
        b.kill(); // it has the document; its receipt never left
        awaitStatus(a, id, "RETRY_SCHEDULED");
        b.start();
        b.awaitUp();

        awaitStatus(a, id, "DELIVERED");
        assertThat(receivedCount(b, "receiver", number)).isEqualTo(1);
        await().atMost(DEADLINE).until(() -> filesNamed(Path.of(b.demo("receiver.outbox")), number).size() == 1);
    }

    // --- helpers

    private static String number(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String submit(Peer peer, String number, String sender, String receiver) {
        HttpResponse<String> answer = peer.post("/api/v1/invoices", peer.demo("sender.api-key"),
                TestInvoices.invoiceBytes(number, sender, receiver));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer.body()).get("id").asString();
    }

    private static JsonNode awaitStatus(Peer peer, String id, String status) {
        String key = peer.demo("sender.api-key");
        List<JsonNode> last = new ArrayList<>(1);
        try {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                JsonNode invoice = peer.getJson("/api/v1/invoices/" + id, key);
                last.clear();
                last.add(invoice);
                return status.equals(invoice.get("status").asString());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Invoice " + id + " did not reach " + status + "; last seen: " + last
                    + "\nsender log:\n" + peer.logTail(), e);
        }
        return last.get(0);
    }

    private static JsonNode awaitReceived(Peer peer, String role, String number) {
        List<JsonNode> found = new ArrayList<>(1);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            found.clear();
            found.addAll(received(peer, role, number));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static long receivedCount(Peer peer, String role, String number) {
        return received(peer, role, number).size();
    }

    private static List<JsonNode> received(Peer peer, String role, String number) {
        JsonNode page = peer.getJson("/api/v1/received?size=500", peer.demo(role + ".api-key"));
        List<JsonNode> matching = new ArrayList<>();
        page.get("items").forEach(item -> {
            if (number.equals(item.path("invoiceNumber").asString(""))) {
                matching.add(item);
            }
        });
        return matching;
    }

    private static List<Path> filesNamed(Path folder, String number) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(number + "_")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
