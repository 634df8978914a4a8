package org.opengateway.testing;

import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.peppol.Phase4PeppolSender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.security.certificate.TrustedCAChecker;
import com.helger.security.revocation.ERevocationCheckMode;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.opengateway.transport.pki.TestPki;

/**
 * Sends to a gateway's {@code /as4} as another Peppol access point would: with phase4's stock
 * {@link Phase4PeppolSender}, signing with a key of the test PKI, straight to the given URL (no SMP lookup).
 */
public final class As4TestSender {

    public static final String INVOICE_TYPE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    public static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;

    /** One message to send; the participants written "0007:5567321707". */
    public record Message(String as4MessageId, String sbdhInstanceId, String sender, String receiver,
            String documentType, byte[] payload) {
        public static Message invoice(String as4MessageId, String sbdhInstanceId, String sender, String receiver,
                byte[] payload) {
            return new Message(as4MessageId, sbdhInstanceId, sender, receiver, INVOICE_TYPE, payload);
        }
    }

    /** What one send gave: phase4's result and the signal message that came back, if any. */
    public record Sent(EAS4UserMessageSendResult result, Ebms3SignalMessage signal, boolean signalSigned) {
        public boolean signedReceipt() {
            return result == EAS4UserMessageSendResult.SUCCESS && signal != null && signal.getReceipt() != null
                    && signalSigned;
        }

        /** The error details (eb:ErrorDetail) of the ebMS errors that came back. */
        public List<String> errorDetails() {
            return signal == null ? List.of() : signal.getError().stream().map(Ebms3Error::getErrorDetail).toList();
        }
    }

    private As4TestSender() {
    }

    public static Sent send(Path senderKeyStore, String endpointUrl, Message message) {
        KeyStore senderKeys = SampleKeys.load(senderKeyStore);
        KeyStore trust = SampleKeys.load(SampleKeys.file("truststore.p12"));
        X509Certificate receiverCertificate = SampleKeys.certificate(SampleKeys.file("gateway-b.p12"));
        AtomicReference<Ebms3SignalMessage> signal = new AtomicReference<>();
        AtomicBoolean signed = new AtomicBoolean(false);
        EAS4UserMessageSendResult result = Phase4PeppolSender.builder()
                .cryptoFactory(new AS4CryptoFactoryInMemoryKeyStore(senderKeys, TestPki.KEY_ALIAS,
                        TestPki.PASSWORD.toCharArray(), trust))
                .peppolAP_CAChecker(caChecker(trust))
                .documentTypeID(IDS.createDocumentTypeIdentifierWithDefaultScheme(message.documentType()))
                .processID(IDS.createProcessIdentifierWithDefaultScheme(BILLING_PROCESS))
                .senderParticipantID(IDS.createParticipantIdentifierWithDefaultScheme(message.sender()))
                .receiverParticipantID(IDS.createParticipantIdentifierWithDefaultScheme(message.receiver()))
                .senderPartyID("PSE000001")
                .countryC1("SE")
                .sbdhInstanceIdentifier(message.sbdhInstanceId())
                .messageID(message.as4MessageId())
                .payload(message.payload())
                .receiverEndpointDetails(receiverCertificate, endpointUrl)
                .signalMsgConsumer((received, metadata, state) -> {
                    signal.set(received);
                    signed.set(state.isSoapSignatureChecked());
                })
                .sendMessageAndCheckForReceipt();
        return new Sent(result, signal.get(), signed.get());
    }

    private static TrustedCAChecker caChecker(KeyStore trust) {
        try {
            List<X509Certificate> cas = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                cas.add((X509Certificate) trust.getCertificate(alias));
            }
            return new TrustedCAChecker(ERevocationCheckMode.NONE, Duration.ofHours(1), 100,
                    cas.toArray(X509Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
