package org.opengateway.transport.as4;

/**
 * Our identity as a Peppol service provider: the participant {@code 0242:<the six digits of our seat ID>} (scheme 0242,
 * "OpenPeppol Service Provider Identification Scheme"). It sends our reports and MLS, and receives the MLS of others.
 */
public final class ServiceProviderId {

    /** The ICD of the OpenPeppol Service Provider Identification Scheme. */
    public static final String SCHEME = "0242";

    private ServiceProviderId() {
    }

    /** {@code PSE000002} gives {@code 0242:000002}. */
    public static String of(String seatId) {
        if (seatId == null || !seatId.matches("P[A-Z]{2}[0-9]{6}")) {
            throw new IllegalStateException("The access-point certificate's CN '" + seatId + "' is not a Peppol seat"
                    + " ID (P, two letters, six digits), so this access point has no service provider ID; use the"
                    + " certificate OpenPeppol issued.");
        }
        return SCHEME + ":" + seatId.substring(3);
    }

    /** Whether the text is a seat ID a service provider ID can be made of. */
    public static boolean isSeatId(String seatId) {
        return seatId != null && seatId.matches("P[A-Z]{2}[0-9]{6}");
    }
}
