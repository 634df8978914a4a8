package org.opengateway.transport.as4;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.peppol.Phase4PeppolSender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.security.certificate.TrustedCAChecker;
import com.helger.security.revocation.ERevocationCheckMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opengateway.receiving.ReceivedDocuments;
import org.opengateway.testing.GatewayIT;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestInvoices;
import org.opengateway.transport.pki.TestPki;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Peppol AS4 exchange over real HTTP into this gateway's {@code /as4}: the sender is phase4's stock
 * {@link Phase4PeppolSender} signing with gateway-a's test key, the receiver is our code with gateway-b's key. Both
 * share phase4's global state in this JVM, which is fine while only one side is ours.
 */
class As4LoopbackIT extends GatewayIT {

    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final String SUPPLIER = "0007:5567321707";
    private static final String CUSTOMER = "0007:5564982212";
    private static final String INVOICE_TYPE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    private static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    @Autowired
    ReceivedDocuments received;

    @Autowired
    SeenAs4MessageIds seenMessageIds;

    /** What one send gave: phase4's result and the signal message that came back, if any. */
    record Sent(EAS4UserMessageSendResult result, Ebms3SignalMessage signal, boolean signalSigned) {
        boolean signedReceipt() {
            return result == EAS4UserMessageSendResult.SUCCESS && signal != null && signal.getReceipt() != null
                    && signalSigned;
        }
    }

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
        KeyStore senderKeys = SampleKeys.load(senderKeyStore);
        KeyStore trust = SampleKeys.load(SampleKeys.file("truststore.p12"));
        X509Certificate receiverCertificate = SampleKeys.certificate(SampleKeys.file("gateway-b.p12"));
        AtomicReference<Ebms3SignalMessage> signal = new AtomicReference<>();
        AtomicReference<Boolean> signed = new AtomicReference<>(false);
        EAS4UserMessageSendResult result = Phase4PeppolSender.builder()
                .cryptoFactory(new AS4CryptoFactoryInMemoryKeyStore(senderKeys, TestPki.KEY_ALIAS,
                        TestPki.PASSWORD.toCharArray(), trust))
                .peppolAP_CAChecker(testCaChecker(trust))
                .documentTypeID(IDS.createDocumentTypeIdentifierWithDefaultScheme(INVOICE_TYPE))
                .processID(IDS.createProcessIdentifierWithDefaultScheme(BILLING_PROCESS))
                .senderParticipantID(IDS.createParticipantIdentifierWithDefaultScheme(SUPPLIER))
                .receiverParticipantID(IDS.createParticipantIdentifierWithDefaultScheme(CUSTOMER))
                .senderPartyID("PSE000001")
                .countryC1("SE")
                .sbdhInstanceIdentifier(sbdhInstanceId)
                .messageID(as4MessageId)
                .payload(TestInvoices.invoiceBytes("AS4-" + sbdhInstanceId.substring(0, 8), SUPPLIER, CUSTOMER))
                .receiverEndpointDetails(receiverCertificate, url("/as4").toString())
                .signalMsgConsumer((message, metadata, state) -> {
                    signal.set(message);
                    signed.set(state.isSoapSignatureChecked());
                })
                .sendMessageAndCheckForReceipt();
        return new Sent(result, signal.get(), signed.get());
    }

    private static TrustedCAChecker testCaChecker(KeyStore trust) {
        try {
            List<X509Certificate> cas = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                cas.add((X509Certificate) trust.getCertificate(alias));
            }
            return new TrustedCAChecker(ERevocationCheckMode.NONE, Duration.ofHours(1), 100,
                    cas.toArray(X509Certificate[]::new));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
