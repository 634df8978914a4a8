package org.opengateway.company;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.opengateway.document.ParticipantId;

/**
 * Checks of what identifies a company: its country, its organisation number (with the check digit of the Nordic
 * registers) and its Peppol participant IDs. Each refusal names the field and says what a right value looks like.
 */
public final class CompanyIdentifiers {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern OTHER_ORG_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./-]{0,34}");
    private static final Pattern SCHEME = Pattern.compile("\\d{4}");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7e]{1,50}");

    private CompanyIdentifiers() {
    }

    /** The country as two upper-case letters (ISO 3166), or a refusal. */
    public static String country(String country) {
        String code = country == null ? "" : country.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw new IllegalArgumentException("The field 'country' must be a country code of two letters (ISO 3166),"
                    + " such as SE, NO, DK, FI or IS" + (code.isEmpty() ? "; it is empty." : "; '" + country + "' is not one."));
        }
        return code;
    }

    /** The organisation number as the country's register writes it, or a refusal that says what is wrong. */
    public static String orgNumber(String country, String number) {
        String text = number == null ? "" : number.trim();
        String digits = text.replaceAll("[\\s-]", "");
        return switch (country) {
            case "SE" -> checked(digits, 10, CheckDigits::swedish, "a Swedish organisation number: 10 digits, such as 556732-1707");
            case "NO" -> checked(digits, 9, CheckDigits::norwegian,
                    "a Norwegian organisation number: 9 digits, such as 923609016");
            case "DK" -> checked(digits, 8, CheckDigits::danish,
                    "a Danish CVR number: 8 digits, such as 13585628");
            case "IS" -> checked(digits, 10, CheckDigits::icelandic,
                    "an Icelandic kennitala: 10 digits, such as 4101692159");
            case "FI" -> finnish(text);
            default -> {
                if (!OTHER_ORG_NUMBER.matcher(text).matches()) {
                    throw new IllegalArgumentException("The field 'orgNumber' must be the company's registration number"
                            + " (1 to 35 letters, digits, spaces, dots or dashes)" + given(text));
                }
                yield text;
            }
        };
    }

    /** The participant ID, or a refusal naming {@code field}: an ISO 6523 scheme of four digits, a colon, a value. */
    public static ParticipantId participant(String text, String field) {
        ParticipantId participant;
        try {
            participant = ParticipantId.parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The field '" + field + "' must be a Peppol participant ID such as"
                    + " 0007:5567321707 (a scheme of four digits, a colon, the identifier)" + given(text));
        }
        if (!SCHEME.matcher(participant.scheme()).matches() || !VALUE.matcher(participant.value()).matches()) {
            throw new IllegalArgumentException("The field '" + field + "' must be a Peppol participant ID such as"
                    + " 0007:5567321707: the scheme is four digits (ISO 6523, e.g. 0007 for a Swedish organisation"
                    + " number), the identifier 1 to 50 characters without spaces" + given(text));
        }
        int digits = switch (participant.scheme()) {
            case "0007", "0196" -> 10;
            case "0192" -> 9;
            case "0088" -> 13;
            default -> 0;
        };
        if (digits > 0 && !participant.value().matches("\\d{" + digits + "}")) {
            throw new IllegalArgumentException("The field '" + field + "' has the scheme " + participant.scheme()
                    + ", whose identifier is " + digits + " digits without spaces or dashes" + given(text));
        }
        return participant;
    }

    private static String finnish(String text) {
        String compact = text.replaceAll("\\s", "");
        if (compact.matches("\\d{8}")) {
            compact = compact.substring(0, 7) + "-" + compact.charAt(7);
        }
        if (compact.matches("\\d{7}-\\d") && CheckDigits.finnish(compact.replace("-", ""))) {
            return compact;
        }
        throw new IllegalArgumentException("The field 'orgNumber' must be a Finnish business ID (Y-tunnus): 7 digits,"
                + " a dash and a check digit, such as 0112038-9" + given(text));
    }

    private static String checked(String digits, int length, java.util.function.Predicate<String> check, String what) {
        if (!digits.matches("\\d{" + length + "}")) {
            throw new IllegalArgumentException("The field 'orgNumber' must be " + what + given(digits));
        }
        if (!check.test(digits)) {
            throw new IllegalArgumentException("The field 'orgNumber' is '" + digits + "', whose check digit is wrong;"
                    + " it must be " + what + ". Check for a mistyped digit.");
        }
        return digits;
    }

    private static String given(String text) {
        return text == null || text.isBlank() ? "; it is empty." : "; '" + text + "' is not one.";
    }
}
