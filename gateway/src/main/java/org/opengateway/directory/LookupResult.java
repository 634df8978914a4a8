package org.opengateway.directory;

import java.net.URI;
import java.security.cert.X509Certificate;

/** Placeholder until the SMP branch lands. */
public sealed interface LookupResult {
    record Found(URI endpoint, X509Certificate certificate, String transportProfile) implements LookupResult {
    }

    record NotRegistered(String reason) implements LookupResult {
    }

    record DocumentTypeNotAccepted(String reason) implements LookupResult {
    }

    record LookupFailed(String reason) implements LookupResult {
    }
}
