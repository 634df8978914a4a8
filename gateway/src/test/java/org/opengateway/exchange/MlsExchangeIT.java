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
import tools.jackson.databind.json.JsonMapper;

/**
 * Message Level Status between two gateways, each in its own JVM, over real AS4 on loopback: each finds the other's
 * MLS address (its service provider ID 0242:…) in the other's SMP. Gateway A asks for every MLS (ALWAYS_SEND), B for
 * failures only (the default). B answers A's invoices (AB when handed to its company, RE with FD when that fails), A
 * shows the outcome as the invoice's state; A keeps back its positive answer to B; nobody answers an MLS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlsExchangeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final Duration START_DEADLINE = Duration.ofMinutes(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR_KEY = "operator-" + UUID.randomUUID();
    private static final String A_SENDER = "5567321707";
    private static final String A_RECEIVER = "5564982212";
    private static final String B_SENDER = "5566778808";
    private static final String B_RECEIVER = "5599112231";

    private static Path root;
    private static Peer a;
    private static Peer b;

    @BeforeAll
    static void startBoth() throws Exception {
        root = Files.createTempDirectory("mls-exchange-");
        Path jar = GatewayProcess.locateJar();
        String[] fast = {"--gateway.sending.poll-interval=100", "--gateway.sending.connect-timeout=2s",
                "--gateway.sending.response-timeout=30s", "--gateway.sending.lease=40s",
                "--gateway.sending.retry.first-delay=1s", "--gateway.sending.retry.max-delay=3s",
                "--gateway.receiving.delivery-interval=100", "--gateway.mls.send-interval=200",
                "--gateway.mls.first-retry=1s", "--gateway.operator.api-key=" + OPERATOR_KEY};
        a = new Peer("a", jar, root.resolve("a"), fast).with(
                "--gateway.as4.keystore=" + SampleKeys.file("gateway-a.p12"),
                "--gateway.demo.sender-org-number=" + A_SENDER, "--gateway.demo.receiver-org-number=" + A_RECEIVER,
                "--gateway.mls.request-type=ALWAYS_SEND");
        // B answers a failed hand-over to its company at once (FD) instead of after 15 minutes
        b = new Peer("b", jar, root.resolve("b"), fast).with(
                "--gateway.as4.keystore=" + SampleKeys.file("gateway-b.p12"),
                "--gateway.demo.sender-org-number=" + B_SENDER, "--gateway.demo.receiver-org-number=" + B_RECEIVER,
                "--gateway.mls.failure-of-delivery-after=0s");
        a.with("--gateway.smp.url=" + b.baseUrl());
        b.with("--gateway.smp.url=" + a.baseUrl());
        // one after the other, with time to spare: on a loaded machine two starting at once took over 4 minutes
        a.start();
        a.awaitUp(START_DEADLINE);
        b.start();
        b.awaitUp(START_DEADLINE);
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
    void anInvoiceHandedToTheReceiverIsAcceptedByTheReceiverAndTheMlsIsNotAnswered() {
        String id = submit(a, "MLS-OK-" + UUID.randomUUID().toString().substring(0, 8), "0007:" + A_SENDER,
                "0007:" + B_RECEIVER);

        JsonNode invoice = awaitStatus(a, id, "ACCEPTED_BY_RECEIVER");
        assertThat(invoice.get("history").findValuesAsString("status"))
                .containsSubsequence("DELIVERED", "ACCEPTED_BY_RECEIVER");
        assertThat(invoice.get("statusReason").asString()).contains("PSE000002", "(AB)");
        assertThat(invoice.get("mls").get("responseCode").asString()).isEqualTo("AB");

        String sbdh = invoice.get("delivery").get("sbdhInstanceId").asString();
        // B records SENT once A's receipt is back, a moment after A applied the MLS
        JsonNode answer = answerAbout(b, sbdh, "SENT");
        assertThat(answer.get("responseCode").asString()).isEqualTo("AB");
        assertThat(answer.get("mlsTo").asString()).as("MLS_TO of A's SBDH").isEqualTo("0242:000001");
        // A received only B's MLS: nothing for A to answer
        assertThat(answers(a)).isEmpty();
    }

    @Test
    @Order(2)
    void anInvoiceTheReceiverCannotHandOverIsRejectedByTheReceiverWithTheReasonAndOnlyOnce() throws Exception {
        Path outbox = Path.of(b.demo("receiver.outbox"));
        Path moved = outbox.resolveSibling(outbox.getFileName() + ".moved");
        Files.move(outbox, moved);
        Files.writeString(outbox, "a file where B's outbox folder should be: writing there fails");
        String id;
        JsonNode invoice;
        try {
            id = submit(a, "MLS-FD-" + UUID.randomUUID().toString().substring(0, 8), "0007:" + A_SENDER,
                    "0007:" + B_RECEIVER);
            invoice = awaitStatus(a, id, "REJECTED_BY_RECEIVER");
        } finally {
            Files.delete(outbox);
            Files.move(moved, outbox);
        }
        assertThat(invoice.get("statusReason").asString()).contains("(RE)",
                "could not be delivered to the receiver", "Correct the invoice and send a new one.");
        assertThat(invoice.get("mls").get("responseCode").asString()).isEqualTo("RE");

        JsonNode answer = answerAbout(b, invoice.get("delivery").get("sbdhInstanceId").asString(), "SENT");
        assertThat(answer.get("responseCode").asString()).isEqualTo("RE");
        // B's MLS reached A, which answers no MLS
        assertThat(answers(a)).isEmpty();
    }

    @Test
    @Order(3)
    void aSenderThatAsksForFailuresOnlyGetsNoPositiveMls() {
        String number = "MLS-B2A-" + UUID.randomUUID().toString().substring(0, 8);
        String id = submit(b, number, "0007:" + B_SENDER, "0007:" + A_RECEIVER);
        JsonNode delivered = awaitStatus(b, id, "DELIVERED");
        String sbdh = delivered.get("delivery").get("sbdhInstanceId").asString();

        JsonNode answer = answerAbout(a, sbdh, "SUPPRESSED"); // kept back: B asked for FAILURE_ONLY
        assertThat(answer.get("responseCode").asString()).isEqualTo("AB");
        JsonNode invoice = b.getJson("/api/v1/invoices/" + id, b.demo("sender.api-key"));
        assertThat(invoice.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(invoice.get("mls").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void theServiceLevelsCountWhatWasSentAndReceived() {
        JsonNode sent = b.getJson("/api/v1/operator/mls/service-levels", OPERATOR_KEY).get("mlsSent");
        assertThat(sent.get("documents").asInt()).isEqualTo(2);
        assertThat(sent.get("withinTarget").asInt()).isEqualTo(2);
        assertThat(sent.get("meetsTarget").asBoolean()).isTrue();
        JsonNode received = a.getJson("/api/v1/operator/mls/service-levels", OPERATOR_KEY).get("mlsReceived");
        assertThat(received.get("documents").asInt()).isEqualTo(2);
        assertThat(received.get("withinTarget").asInt()).isEqualTo(2);
        assertThat(received.get("missed")).isEmpty();

        HttpResponse<String> wrong = a.get("/api/v1/operator/mls/service-levels?from=27.11.2026", OPERATOR_KEY);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("'from' must be a date written YYYY-MM-DD");
    }

    private static String submit(Peer peer, String number, String sender, String receiver) {
        HttpResponse<String> answer = peer.post("/api/v1/invoices", peer.demo("sender.api-key"),
                TestInvoices.invoiceBytes(number, sender, receiver));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).get("id").asString();
    }

    private static List<JsonNode> answers(Peer peer) {
        List<JsonNode> all = new ArrayList<>();
        peer.getJson("/api/v1/operator/mls/answers", OPERATOR_KEY).forEach(all::add);
        return all;
    }

    /** The MLS the peer decided about the document with this SBDH instance identifier, once it has the status. */
    private static JsonNode answerAbout(Peer peer, String sbdhInstanceId, String status) {
        List<JsonNode> found = new ArrayList<>(1);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            found.clear();
            answers(peer).stream().filter(answer -> sbdhInstanceId.equals(answer.get("referencedSbdhId").asString()))
                    .forEach(found::add);
            return !found.isEmpty() && status.equals(found.get(0).get("status").asString());
        });
        assertThat(found).as("one MLS per document").hasSize(1);
        return found.get(0);
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
                    + "\nlog:\n" + peer.logTail(), e);
        }
        return last.get(0);
    }
}
