package org.opengateway.document;

import java.util.Locale;

/**
 * A Peppol participant identifier: an ISO 6523 scheme code and a value, written "0007:5567321707".
 * Peppol compares them without regard to case, so they are kept in lower case.
 */
public record ParticipantId(String scheme, String value) {

    public ParticipantId {
        scheme = scheme.trim().toLowerCase(Locale.ROOT);
        value = value.trim().toLowerCase(Locale.ROOT);
    }

    /** Reads "0007:5567321707", also with the "iso6523-actorid-upis::" prefix Peppol uses in URLs. */
    public static ParticipantId parse(String text) {
        String plain = text.trim();
        int schemeSeparator = plain.indexOf("::");
        if (schemeSeparator >= 0) {
            plain = plain.substring(schemeSeparator + 2);
        }
        int colon = plain.indexOf(':');
        if (colon <= 0 || colon == plain.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a participant ID of the form 0007:5567321707");
        }
        return new ParticipantId(plain.substring(0, colon), plain.substring(colon + 1));
    }

    @Override
    public String toString() {
        return scheme + ":" + value;
    }
}
