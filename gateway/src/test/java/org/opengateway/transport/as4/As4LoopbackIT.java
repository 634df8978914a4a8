package org.opengateway.transport.as4;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.phase4.sender.EAS4UserMessageSendResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.testing.As4TestSender;
import org.opengateway.testing.As4TestSender.Message;
import org.opengateway.testing.As4TestSender.Sent;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestInvoices;
import org.opengateway.transport.pki.TestPki;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Peppol AS4 exchange over real HTTP into this gateway's {@code /as4}: the sender is phase4's stock
 * {@code Phase4PeppolSender} ({@link As4TestSender}) signing with gateway-a's test key, the receiver is our code with gateway-b's key. Both
 * share phase4's global state in this JVM, which is fine while only one side is ours.
 */
class As4LoopbackIT extends GatewayIT {

    private static final String SUPPLIER = "0007:5567321707";
    private static final String CUSTOMER = "0007:5564982212";

    @Autowired
    ReceivedDocuments received;

    @Autowired
    SeenAs4MessageIds seenMessageIds;

    @Test
    void aSignedAndEncryptedInvoiceIsStoredOnceAndAcknowledgedWithASignedReceipt() {
        String instanceId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID() + "@gateway-a";

        Sent sent = send(SampleKeys.file("gateway-a.p12"), instanceId, messageId);

        assertThat(sent.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(sent.signedReceipt()).as("a signed receipt came back").isTrue();
        assertThat(received.countByAs4MessageId(messageId)).isEqualTo(1);
        assertThat(received.countBySbdhInstanceId(instanceId)).isEqualTo(1);
    }

    @Test
    void theSameAs4MessageSentAgainGetsAReceiptAgainAndIsStoredOnce() {
        String instanceId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID() + "@gateway-a";

        Sent first = send(SampleKeys.file("gateway-a.p12"), instanceId, messageId);
        Sent again = send(SampleKeys.file("gateway-a.p12"), instanceId, messageId);

        assertThat(first.signedReceipt()).isTrue();
        // a sender that got no answer the first time sends again; an error would make it try for ever
        assertThat(again.signedReceipt()).as("the resent message gets a signed receipt too").isTrue();
        assertThat(seenMessageIds.timesSeen(messageId)).isEqualTo(2);
        assertThat(received.countByAs4MessageId(messageId)).isEqualTo(1);
        assertThat(received.countBySbdhInstanceId(instanceId)).isEqualTo(1);
    }

    @Test
    void aMessageSignedByAKeyOfAnUnknownCaIsRefusedAndNotStored(@org.junit.jupiter.api.io.TempDir Path temp) {
        // a whole new test PKI: same names, but a root and access-point CA this gateway has never seen
        new TestPki().write(temp);
        String instanceId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID() + "@stranger";
        long before = received.count();

        Sent sent = send(temp.resolve("gateway-a.p12"), instanceId, messageId);

        assertThat(sent.result()).isNotEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(sent.signal() == null || sent.signal().getReceipt() == null).isTrue();
        assertThat(received.countByAs4MessageId(messageId)).isZero();
        assertThat(received.count()).isEqualTo(before);
    }

    @Test
    void roundTripTimeWarm() {
        int warmUp = 10;
        int measured = 40;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < warmUp + measured; i++) {
            long start = System.nanoTime();
            Sent sent = send(SampleKeys.file("gateway-a.p12"), UUID.randomUUID().toString(),
                    UUID.randomUUID() + "@gateway-a");
            long took = (System.nanoTime() - start) / 1_000_000;
            assertThat(sent.signedReceipt()).isTrue();
            if (i >= warmUp) {
                millis.add(took);
            }
        }
        Collections.sort(millis);
        double mean = millis.stream().mapToLong(Long::longValue).average().orElse(0);
        System.out.printf("AS4 loopback round trip, warm, %d sends: median %d ms, mean %.1f ms, min %d ms,"
                + " p90 %d ms, max %d ms%n", measured, millis.get(measured / 2), mean, millis.get(0),
                millis.get(measured * 9 / 10), millis.get(measured - 1));
    }

    private Sent send(Path senderKeyStore, String sbdhInstanceId, String as4MessageId) {
        return As4TestSender.send(senderKeyStore, url("/as4").toString(), Message.invoice(as4MessageId,
                sbdhInstanceId, SUPPLIER, CUSTOMER,
                TestInvoices.invoiceBytes("AS4-" + sbdhInstanceId.substring(0, 8), SUPPLIER, CUSTOMER)));
    }
}
