package org.opengateway.mls;

/** The identifiers and codes of Peppol MLS 1.0 (an UBL ApplicationResponse), in one place. */
public final class MlsCodes {

    public static final String CUSTOMIZATION_ID = "urn:peppol:edec:mls:1.0";
    public static final String PROFILE_ID = "urn:peppol:edec:mls";
    /** The Peppol document type ID (scheme {@code busdox-docid-qns}) of an MLS. */
    public static final String DOCUMENT_TYPE = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
            + "::ApplicationResponse##" + CUSTOMIZATION_ID + "::2.1";
    /** The Peppol process ID (scheme {@code cenbii-procid-ubl}) of an MLS. */
    public static final String PROCESS = PROFILE_ID;

    private MlsCodes() {
    }

    /** Whether a document type ID, with or without its scheme, is the MLS: never answered with an MLS. */
    public static boolean isMls(String documentTypeId) {
        return documentTypeId != null && documentTypeId.endsWith(DOCUMENT_TYPE);
    }

    /** The overall answer of an MLS. */
    public enum ResponseCode {
        /** Accepted: handed to the receiver with confirmation. */
        AP("accepted by the receiver's access point and handed to the receiver"),
        /** Acknowledged: received and handed on, without the receiver's confirmation. */
        AB("acknowledged by the receiver's access point, which handed it on to the receiver"),
        /** Rejected, with at least one issue that says why. */
        RE("rejected by the receiver's access point");

        private final String words;

        ResponseCode(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public boolean positive() {
            return this != RE;
        }
    }

    /** Why an issue was raised (status reason codes of MLS). */
    public enum ReasonCode {
        SV("fails the syntax (schema)"),
        BV("breaks a business rule"),
        BW("business rule warning"),
        FD("could not be delivered to the receiver");

        private final String words;

        ReasonCode(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** A reason that makes the MLS a rejection (all but warnings). */
        public boolean failure() {
            return this != BW;
        }

        static ReasonCode parse(String code) {
            for (ReasonCode reason : values()) {
                if (reason.name().equals(code)) {
                    return reason;
                }
            }
            return null;
        }
    }
}
