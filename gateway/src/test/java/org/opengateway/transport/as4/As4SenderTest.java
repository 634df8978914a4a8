package org.opengateway.transport.as4;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3MessageInfo;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.scope.mgr.ScopeManager;
import com.helger.security.certificate.TrustedCAChecker;
import com.helger.security.revocation.ERevocationCheckMode;
import java.net.ServerSocket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opengateway.config.GatewayProperties;
import org.opengateway.testing.SampleKeys;
import org.opengateway.testing.TestCertificates;
import org.opengateway.testing.TestInvoices;
import org.opengateway.transport.as4.SendOutcome.Failed;
import org.opengateway.transport.as4.SendOutcome.FailureKind;

/**
 * How the sender names what went wrong before or without a receipt, with phase4's real client: a receiving access
 * point whose certificate no trusted CA issued is never sent to, and one that cannot be reached is a transient
 * failure. (Receipts and AS4 errors from a real receiver are covered by the exchange tests.)
 */
class As4SenderTest {

    private static boolean ownsScope;
    private static As4Keys keys;

    @BeforeAll
    static void start() {
        // phase4's global scope, which the gateway's Phase4Runtime begins (without its database here)
        ownsScope = !ScopeManager.isGlobalScopePresent();
        if (ownsScope) {
            ScopeManager.onGlobalBegin("as4-sender-test");
        }
        keys = As4Keys.load(new GatewayProperties.As4(SampleKeys.file("gateway-a.p12"), "test-only", "key",
                SampleKeys.file("truststore.p12"), "test-only"));
    }

    @AfterAll
    static void stop() {
        if (ownsScope) {
            ScopeManager.onGlobalEnd();
        }
    }

    @Test
    void aReceivingCertificateNoTrustedCaIssuedIsRefusedBeforeAnythingIsSent() throws Exception {
        TestCertificates.Issued strangerCa = TestCertificates.ca("CN=Stranger CA,O=Elsewhere,C=SE");
        X509Certificate stranger = TestCertificates.issue(strangerCa, "CN=PXX000009,O=Elsewhere,C=SE",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30))).certificate();
        try (ServerSocket listening = new ServerSocket(0)) {
            SendOutcome outcome = sender().send(message(stranger, listening.getLocalPort()));

            assertThat(outcome).isInstanceOf(Failed.class);
            Failed failed = (Failed) outcome;
            assertThat(failed.kind()).isEqualTo(FailureKind.CERTIFICATE_NOT_TRUSTED);
            assertThat(failed.kind().isTransient()).isFalse();
            assertThat(failed.detail()).contains("PXX000009").contains("not trusted");
            listening.setSoTimeout(500);
            assertThat(accepted(listening)).as("nothing was sent").isFalse();
        }
    }

    @Test
    void anAccessPointThatCannotBeReachedIsATransientFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SendOutcome outcome = sender().send(message(SampleKeys.certificate(SampleKeys.file("gateway-b.p12")), closed));

        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failed.kind().isTransient()).isTrue();
        assertThat(failed.detail()).contains("127.0.0.1:" + closed).contains("could not be reached");
    }

    @Test
    void anAs4ErrorAnswerIsReadAsDuplicateNotNowOrRejected() {
        SendOutcome duplicate = As4Sender.fromErrors(answer("EBMS:0004",
                "Another message with the same ID was already received (this is a duplicate)"), new byte[] {1});
        assertThat(duplicate).isInstanceOf(SendOutcome.Delivered.class);
        assertThat(((SendOutcome.Delivered) duplicate).alreadyReceived()).isTrue();

        SendOutcome notNow = As4Sender.fromErrors(answer("EBMS:0202",
                "The receiving access point could not store the message; please send it again later."), null);
        assertThat(((Failed) notNow).kind()).isEqualTo(FailureKind.RECEIVER_BUSY);
        assertThat(((Failed) notNow).kind().isTransient()).isTrue();

        SendOutcome rejected = As4Sender.fromErrors(answer("EBMS:0004", "PEPPOL:NOT_SERVICED"), null);
        assertThat(((Failed) rejected).kind()).isEqualTo(FailureKind.REJECTED_BY_RECEIVER);
        assertThat(((Failed) rejected).kind().isTransient()).isFalse();
        assertThat(((Failed) rejected).errorCode()).isEqualTo("EBMS:0004");
        assertThat(((Failed) rejected).detail()).contains("EBMS:0004").contains("PEPPOL:NOT_SERVICED");
    }

    private static Ebms3SignalMessage answer(String code, String detail) {
        Ebms3MessageInfo info = new Ebms3MessageInfo();
        info.setMessageId(UUID.randomUUID() + "@receiver");
        Ebms3Error error = new Ebms3Error();
        error.setErrorCode(code);
        error.setErrorDetail(detail);
        Ebms3SignalMessage signal = new Ebms3SignalMessage();
        signal.setMessageInfo(info);
        signal.addError(error);
        return signal;
    }

    private static As4Sender sender() {
        TrustedCAChecker cas = new TrustedCAChecker(ERevocationCheckMode.NONE, Duration.ofHours(1), 10,
                keys.caCertificates().toArray(X509Certificate[]::new));
        return new As4Sender(keys, cas, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static OutboundMessage message(X509Certificate receiver, int port) {
        byte[] invoice = TestInvoices.invoiceBytes("SEND-1", "0007:5567321707", "0007:5564982212");
        return new OutboundMessage("0007:5567321707", "0007:5564982212",
                "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant"
                        + "#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1",
                "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", "SE", UUID.randomUUID().toString(),
                UUID.randomUUID() + "@test", invoice, URI.create("http://127.0.0.1:" + port + "/as4"), receiver);
    }

    private static boolean accepted(ServerSocket socket) {
        try (var connection = socket.accept()) {
            return true;
        } catch (java.io.IOException timedOut) {
            return false;
        }
    }
}
