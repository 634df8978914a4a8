package org.opengateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opengateway.ops.CertificateExpiry.State;
import org.opengateway.ops.CertificateExpiry.Verdict;
import org.opengateway.testing.TestCertificates;
import org.opengateway.transport.pki.OwnCertificate;
import org.opengateway.transport.pki.OwnCertificate.Kind;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class CertificateExpiryTest {

    private static final Instant NOW = Instant.parse("2027-01-03T08:00:00Z");
    private static final TestCertificates.Issued CA = TestCertificates.ca("CN=Expiry Test CA,O=Elsewhere,C=SE");

    @Test
    void aCertificateWithMoreThanTheWarningDaysLeftIsValid() {
        Verdict verdict = CertificateExpiry.judge(Kind.ACCESS_POINT, endingIn(Duration.ofDays(90)), NOW, 30);

        assertEquals(State.VALID, verdict.state());
        assertEquals(90, verdict.daysLeft());
    }

    @Test
    void withinTheWarningDaysItWarnsInPlainWordsWithWhatToDo() {
        Verdict verdict = CertificateExpiry.judge(Kind.ACCESS_POINT, endingAt(Instant.parse("2027-01-15T10:00:00Z"),
                "CN=POP000123"), NOW, 30);

        assertEquals(State.EXPIRING, verdict.state());
        assertEquals(12, verdict.daysLeft());
        assertEquals(LocalDate.of(2027, 1, 15), verdict.expiresOn());
        assertEquals("The access-point certificate CN=POP000123 expires on 2027-01-15, in 12 days. Order a new one"
                + " from OpenPeppol and set gateway.as4.keystore.", verdict.message());
    }

    @Test
    void theWarningDaysAreConfigurable() {
        assertEquals(State.VALID, CertificateExpiry.judge(Kind.TLS, endingIn(Duration.ofDays(12)), NOW, 7).state());
        assertEquals(State.EXPIRING, CertificateExpiry.judge(Kind.TLS, endingIn(Duration.ofDays(6)), NOW, 7).state());
        assertEquals(State.EXPIRING, CertificateExpiry.judge(Kind.TLS, endingIn(Duration.ofHours(5)), NOW, 7).state());
    }

    @Test
    void anEndedCertificateIsExpired() {
        Verdict verdict = CertificateExpiry.judge(Kind.SMP, endingIn(Duration.ofDays(-3)), NOW, 30);

        assertEquals(State.EXPIRED, verdict.state());
        assertEquals(-3, verdict.daysLeft());
        assertTrue(verdict.message().contains("expired on 2026-12-31"), verdict.message());
        assertTrue(verdict.message().endsWith("set gateway.smp.keystore."), verdict.message());
    }

    @Test
    void healthIsUpWithWarningsWhenOneEndsSoonAndDownWhenOneHasEnded() {
        OwnCertificate fine = new OwnCertificate(Kind.ACCESS_POINT, "ap.p12", chain(Duration.ofDays(200)));
        OwnCertificate soon = new OwnCertificate(Kind.TLS, "tls.p12", chain(Duration.ofDays(10)));
        OwnCertificate ended = new OwnCertificate(Kind.SMP, "smp.p12", chain(Duration.ofDays(-1)));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        Health allFine = new CertificateHealth(new CertificateExpiry(List.of(fine), 30, clock)).health();
        assertEquals(Status.UP, allFine.getStatus());
        assertFalse(allFine.getDetails().containsKey("warnings"));
        assertEquals(200L, ((Map<?, ?>) allFine.getDetails().get("access-point")).get("daysLeft"));

        Health warning = new CertificateHealth(new CertificateExpiry(List.of(fine, soon), 30, clock)).health();
        assertEquals(Status.UP, warning.getStatus());
        assertEquals(1, ((List<?>) warning.getDetails().get("warnings")).size());
        assertEquals("EXPIRING", ((Map<?, ?>) warning.getDetails().get("tls")).get("state"));

        Health down = new CertificateHealth(new CertificateExpiry(List.of(fine, soon, ended), 30, clock)).health();
        assertEquals(Status.DOWN, down.getStatus());
        assertEquals(2, ((List<?>) down.getDetails().get("warnings")).size());
    }

    private static List<java.security.cert.X509Certificate> chain(Duration left) {
        return List.of(endingIn(left));
    }

    private static java.security.cert.X509Certificate endingIn(Duration left) {
        return endingAt(NOW.plus(left), "CN=PSE000042,O=Elsewhere,C=SE");
    }

    private static java.security.cert.X509Certificate endingAt(Instant end, String name) {
        return TestCertificates.issue(CA, name, NOW.minus(Duration.ofDays(400)), end).certificate();
    }
}
