package org.opengateway.transport.pki;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opengateway.config.NetworkMode;

/**
 * What the Peppol networks demand before the gateway may start in them: none of its own keys (AS4, SMP, TLS) and
 * nothing it trusts comes from the public test keys of {@code keystore-sample/}, it is reached over HTTPS (served by
 * itself, or by a reverse proxy with {@code gateway.tls.offloaded=true}), and its public address is an https URL. The
 * local network demands nothing.
 */
public final class NetworkModeCheck {

    /**
     * What the check looks at.
     *
     * @param mode the network
     * @param own our own certificates as configured (a TLS one only when the gateway serves TLS itself)
     * @param trust whom we trust in that network
     * @param tlsServed the gateway serves HTTPS itself ({@code server.ssl.*} set up)
     * @param tlsOffloaded a reverse proxy in front of the gateway does TLS ({@code gateway.tls.offloaded})
     * @param publicUrl {@code gateway.public-url}, may be empty
     */
    public record Setup(NetworkMode mode, List<OwnCertificate> own, NetworkTrust trust, boolean tlsServed,
            boolean tlsOffloaded, String publicUrl) {
    }

    private final SampleKeyDetector detector;

    public NetworkModeCheck(SampleKeyDetector detector) {
        this.detector = detector;
    }

    /** Every reason the gateway must not start in the setup's network, in plain words; empty when it may. */
    public List<String> problems(Setup setup) {
        List<String> problems = new ArrayList<>();
        if (setup.mode() == NetworkMode.LOCAL) {
            return problems;
        }
        String network = setup.mode() == NetworkMode.PEPPOL_PRODUCTION ? "the Peppol production network"
                : "the Peppol test network";
        for (OwnCertificate own : setup.own()) {
            sampleKey(own).ifPresent(reason -> problems.add(own.kind().title() + " (" + own.kind().setting() + "="
                    + own.location() + ") is a public test key: " + reason + ". In " + network + " set "
                    + own.kind().setting() + " to " + yourOwn(own.kind(), setup.mode()) + "."));
        }
        List<X509Certificate> trusted = setup.trust().allTrusted();
        detector.sampleReason(trusted).ifPresent(reason -> problems.add("The trusted CAs include the test PKI: "
                + reason + ". In " + network + " the gateway trusts only the Peppol CAs."));
        boolean https = isHttps(setup.publicUrl());
        if (!setup.tlsServed() && !setup.tlsOffloaded()) {
            problems.add("Peppol requires HTTPS, and no TLS certificate is configured. Set server.ssl.bundle to an"
                    + " SSL bundle (spring.ssl.bundle.*), or server.ssl.key-store, server.ssl.key-store-password and"
                    + " server.ssl.key-alias; or, when a reverse proxy in front of the gateway does TLS, set"
                    + " gateway.tls.offloaded=true.");
        }
        if (!https) {
            problems.add("gateway.public-url must be the https address other access points reach this gateway at"
                    + " (e.g. https://ap.example.com), as published in the SMP; it is "
                    + (setup.publicUrl() == null || setup.publicUrl().isBlank() ? "not set" : "'" + setup.publicUrl()
                    + "'") + ".");
        }
        return problems;
    }

    private Optional<String> sampleKey(OwnCertificate own) {
        if (SampleKeyDetector.isSampleLocation(own.location())) {
            return Optional.of("it is a file of " + SampleKeyDetector.SAMPLE_FOLDER + "/");
        }
        return detector.sampleReason(own.chain());
    }

    private static String yourOwn(OwnCertificate.Kind kind, NetworkMode mode) {
        String peppol = mode == NetworkMode.PEPPOL_PRODUCTION ? "production" : "test";
        return switch (kind) {
            case ACCESS_POINT -> "the key store with the Peppol " + peppol + " access-point certificate OpenPeppol"
                    + " issued to you (and gateway.as4.keystore-password, gateway.as4.key-alias)";
            case SMP -> "the key store with the Peppol " + peppol + " SMP certificate OpenPeppol issued to you";
            case TLS -> "a key store with a TLS certificate for your public host name from a public certificate"
                    + " authority";
        };
    }

    private static boolean isHttps(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url.trim());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
