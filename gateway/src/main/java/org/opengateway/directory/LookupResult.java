package org.opengateway.directory;

import java.net.URI;
import java.security.cert.X509Certificate;

/** What looking a recipient up in Peppol found. The reasons are plain words, for support staff. */
public sealed interface LookupResult {

    /** Where to send: the recipient's AS4 endpoint, the certificate to encrypt for, and the transport profile. */
    record Found(URI endpoint, X509Certificate certificate, String transportProfile) implements LookupResult {
    }

    /** No SMP knows the recipient (no DNS entry in the SML, or its SMP answers 404). Sending again will not help. */
    record NotRegistered(String reason) implements LookupResult {
    }

    /**
     * The recipient is registered, but not for this document type or process, or has no AS4 (peppol-transport-as4-v2_0)
     * endpoint for it. Sending again will not help until the recipient changes its registration.
     */
    record DocumentTypeNotAccepted(String reason) implements LookupResult {
    }

    /** The lookup itself failed (SMP unreachable, too slow, an answer with a bad signature): worth trying again later. */
    record LookupFailed(String reason) implements LookupResult {
    }
}
