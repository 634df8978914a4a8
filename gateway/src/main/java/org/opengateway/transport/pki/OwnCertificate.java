package org.opengateway.transport.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One of the gateway's own certificates, with the place it was read from.
 *
 * @param kind what it is for
 * @param location the file (or bundle) it came from, as configured; null when not known
 * @param chain the certificate first, then its issuers; empty when the file could not be read
 */
public record OwnCertificate(Kind kind, String location, List<X509Certificate> chain) {

    public OwnCertificate {
        chain = List.copyOf(chain);
    }

    /** The certificate itself, or null when it could not be read. */
    public X509Certificate certificate() {
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** The kinds of our own certificates, each with where it is set and what to do when it runs out. */
    public enum Kind {
        ACCESS_POINT("access-point", "The access-point certificate", "gateway.as4.keystore",
                "Order a new one from OpenPeppol and set gateway.as4.keystore."),
        SMP("smp", "The SMP certificate", "gateway.smp.keystore",
                "Order a new one from OpenPeppol and set gateway.smp.keystore."),
        TLS("tls", "The TLS certificate", "server.ssl.*",
                "Get a new one from your certificate authority and set server.ssl.* (or the SSL bundle it names).");

        private final String tag;
        private final String title;
        private final String setting;
        private final String renewal;

        Kind(String tag, String title, String setting, String renewal) {
            this.tag = tag;
            this.title = title;
            this.setting = setting;
            this.renewal = renewal;
        }

        /** Short name for metrics and health details: access-point, smp, tls. */
        public String tag() {
            return tag;
        }

        /** "The access-point certificate". */
        public String title() {
            return title;
        }

        /** The setting that names its key store. */
        public String setting() {
            return setting;
        }

        /** What to do when it nears its end. */
        public String renewal() {
            return renewal;
        }
    }
}
