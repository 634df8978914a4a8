package org.opengateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.opengateway.config.GatewayProperties;
import org.opengateway.transport.pki.DistinguishedNames;
import org.opengateway.transport.pki.OwnCertificate;
import org.opengateway.transport.pki.OwnCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Watches the end of our own certificates (AS4 access point, SMP, TLS): warns in the log when one ends within
 * {@code gateway.certificates.warn-days}, logs an error once it has ended, and keeps a gauge
 * {@code gateway.certificate.days-left{certificate=access-point|smp|tls}}. Called at start and daily by the route
 * {@code certificate-expiry}; it only reads and logs, so every node may run it.
 */
@Component
public class CertificateExpiry {

    private static final Logger log = LoggerFactory.getLogger(CertificateExpiry.class);

    /** How a certificate stands. */
    public enum State { VALID, EXPIRING, EXPIRED }

    /**
     * The verdict on one certificate.
     *
     * @param kind which of our certificates
     * @param subject its subject, e.g. "CN=POP000123,O=...,C=SE"
     * @param expiresOn the day it ends (UTC)
     * @param daysLeft whole days from now until it ends; negative once it has ended
     * @param state valid, expiring (within the warning days) or expired
     */
    public record Verdict(OwnCertificate.Kind kind, String subject, LocalDate expiresOn, long daysLeft, State state) {

        /** One line in plain words, with what to do. */
        public String message() {
            String name = shortName();
            return switch (state) {
                case VALID -> kind.title() + " " + name + " is valid until " + expiresOn + " (" + daysLeft
                        + " days).";
                case EXPIRING -> kind.title() + " " + name + " expires on " + expiresOn + ", in " + daysLeft
                        + (daysLeft == 1 ? " day. " : " days. ") + kind.renewal();
                case EXPIRED -> kind.title() + " " + name + " expired on " + expiresOn + ": other access points"
                        + " refuse it. " + kind.renewal();
            };
        }

        /** "CN=POP000123" when the subject has a common name, else the whole subject. */
        private String shortName() {
            return DistinguishedNames.attribute(subject, "CN").map(cn -> "CN=" + cn).orElse(subject);
        }
    }

    private final List<OwnCertificate> certificates;
    private final int warnDays;
    private final Clock clock;

    @Autowired
    public CertificateExpiry(OwnCertificates own, GatewayProperties properties, MeterRegistry meters) {
        this(own.readable(), properties.certificates().warnDays(), Clock.systemUTC());
        for (OwnCertificate certificate : certificates) {
            Gauge.builder("gateway.certificate.days-left", () -> daysLeft(certificate.certificate(), clock.instant()))
                    .tag("certificate", certificate.kind().tag())
                    .description("Days until the certificate expires; negative once it has")
                    .register(meters);
        }
    }

    CertificateExpiry(List<OwnCertificate> certificates, int warnDays, Clock clock) {
        this.certificates = List.copyOf(certificates);
        this.warnDays = warnDays;
        this.clock = clock;
    }

    /** The verdict on a certificate at a moment: expiring when it ends within {@code warnDays} days. */
    public static Verdict judge(OwnCertificate.Kind kind, X509Certificate certificate, Instant now, int warnDays) {
        Instant end = certificate.getNotAfter().toInstant();
        long daysLeft = daysLeft(certificate, now);
        State state = !end.isAfter(now) ? State.EXPIRED
                : daysLeft <= warnDays ? State.EXPIRING : State.VALID;
        return new Verdict(kind, certificate.getSubjectX500Principal().getName(),
                LocalDate.ofInstant(end, ZoneOffset.UTC), daysLeft, state);
    }

    /** The verdicts on all our certificates now. */
    public List<Verdict> verdicts() {
        Instant now = clock.instant();
        return certificates.stream().map(own -> judge(own.kind(), own.certificate(), now, warnDays)).toList();
    }

    /** Logs a warning for each certificate that ends soon, and an error for each that has ended. */
    public void check() {
        for (Verdict verdict : verdicts()) {
            switch (verdict.state()) {
                case EXPIRED -> log.error(verdict.message());
                case EXPIRING -> log.warn(verdict.message());
                case VALID -> log.debug(verdict.message());
            }
        }
    }

    public int warnDays() {
        return warnDays;
    }

    private static long daysLeft(X509Certificate certificate, Instant now) {
        // whole days, rounded down: a certificate ending in 23 hours has 0 days left
        return Math.floorDiv(Duration.between(now, certificate.getNotAfter().toInstant()).toSeconds(), 86_400L);
    }
}
