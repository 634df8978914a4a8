package org.opengateway.directory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.opengateway.company.CheckDigits;
import org.opengateway.document.ParticipantId;

/**
 * The one table from a country and its organisation number to a Peppol participant ID: which ISO 6523 scheme (ICD)
 * the country's registry number has in Peppol, how a number is written there, and how to tell a malformed one.
 */
public final class CountrySchemes {

    /** One country's organisation numbers: the scheme, the form (digits only after clean-up), and a check. */
    private record Scheme(String icd, String form, Predicate<String> valid, UnaryOperator<String> toValue) {
    }

    private static final Map<String, Scheme> BY_COUNTRY = new TreeMap<>(Map.ofEntries(
            Map.entry("SE", new Scheme("0007", "10 digits, e.g. 5567321707 or 556732-1707",
                    number -> number.matches("\\d{10}") && CheckDigits.swedish(number), UnaryOperator.identity())),
            Map.entry("NO", new Scheme("0192", "9 digits, e.g. 974760673",
                    number -> number.matches("\\d{9}") && CheckDigits.norwegian(number),
                    UnaryOperator.identity())),
            Map.entry("DK", new Scheme("0184", "8 digits (CVR), e.g. 10150817",
                    number -> number.matches("\\d{8}") && CheckDigits.danish(number),
                    UnaryOperator.identity())),
            // Finnish companies receive under their OVT code: 0037 and the business ID without its dash
            Map.entry("FI", new Scheme("0216", "a business ID of 8 digits, e.g. 0112038-9",
                    number -> number.matches("\\d{8}") && CheckDigits.finnish(number), number -> "0037" + number)),
            Map.entry("IS", new Scheme("0196", "10 digits (kennitala), e.g. 4504013150",
                    number -> number.matches("\\d{10}") && CheckDigits.icelandic(number), UnaryOperator.identity())),
            Map.entry("EE", new Scheme("0191", "8 digits, e.g. 10137025", number -> number.matches("\\d{8}"),
                    UnaryOperator.identity())),
            Map.entry("LT", new Scheme("0200", "9 digits, e.g. 110053842", number -> number.matches("\\d{9}"),
                    UnaryOperator.identity())),
            Map.entry("BE", new Scheme("0208", "10 digits, e.g. 0403170701", number -> number.matches("\\d{10}"),
                    UnaryOperator.identity())),
            Map.entry("NL", new Scheme("0106", "8 digits (KvK), e.g. 33304605", number -> number.matches("\\d{8}"),
                    UnaryOperator.identity())),
            Map.entry("AU", new Scheme("0151", "11 digits (ABN), e.g. 51824753556",
                    number -> number.matches("\\d{11}"), UnaryOperator.identity())),
            Map.entry("SG", new Scheme("0195", "a UEN, e.g. 200212345E",
                    number -> number.matches("[0-9A-Z]{9,10}"), number -> "sguen" + number))));

    private CountrySchemes() {
    }

    /** The countries this table knows, as ISO 3166 codes. */
    public static Set<String> countries() {
        return BY_COUNTRY.keySet();
    }

    /** The organisation number with spaces, dashes, dots and slashes taken out, in upper case. */
    public static String clean(String orgNumber) {
        return orgNumber == null ? "" : orgNumber.replaceAll("[\\s\\-./]", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The participant ID of an organisation, or why there is none: an unknown country or a malformed number. The
     * message names the field and says what is expected.
     */
    public static Result participant(String country, String orgNumber) {
        String code = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
        Scheme scheme = BY_COUNTRY.get(code);
        if (scheme == null) {
            return new Result(Optional.empty(), code.isEmpty() ? "country is missing; give the ISO code, e.g. SE."
                    : "country '" + country.trim() + "' is not one this gateway can map to Peppol; known are "
                            + String.join(", ", countries()) + ".");
        }
        String number = clean(orgNumber);
        if (number.isEmpty()) {
            return new Result(Optional.empty(), "organisation number is missing.");
        }
        if (!scheme.valid().test(number)) {
            return new Result(Optional.empty(), "organisation number '" + orgNumber.trim() + "' is not a valid "
                    + code + " organisation number; expected " + scheme.form() + ".");
        }
        return new Result(Optional.of(new ParticipantId(scheme.icd(), scheme.toValue().apply(number))), null);
    }

    /** A participant ID, or the reason in plain words why the input gives none. */
    public record Result(Optional<ParticipantId> participant, String problem) {
    }
}
