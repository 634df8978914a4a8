package org.opengateway.config;

/**
 * Which network the gateway is part of ({@code gateway.network}). It decides where recipients are looked up and which
 * access-point certificates are trusted.
 */
public enum NetworkMode {
    /** The default: our own SMP answers every lookup, and the test PKI of {@code keystore-sample/} is trusted. */
    LOCAL,
    /** The Peppol test network: the test SML, the Peppol test PKI. */
    PEPPOL_TEST,
    /** The Peppol production network: the production SML and PKI; the sample keys are refused. */
    PEPPOL_PRODUCTION
}
