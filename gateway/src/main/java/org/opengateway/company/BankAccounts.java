package org.opengateway.company;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opengateway.api.ApiProblem;

/**
 * Checks of payment details: an IBAN by its length for the country and its check digits (ISO 13616, modulo 97), a
 * BIC by its form (ISO 9362), and that the bank and the account are each given one way or the other.
 */
public final class BankAccounts {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}");
    private static final Pattern BIC = Pattern.compile("[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 .-]{0,39}");
    /** IBAN lengths of the countries our customers bank in most; others are checked by their check digits alone. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("SE", 24), Map.entry("NO", 15),
            Map.entry("DK", 18), Map.entry("FI", 18), Map.entry("IS", 26), Map.entry("DE", 22), Map.entry("GB", 22),
            Map.entry("NL", 18), Map.entry("FR", 27), Map.entry("EE", 20), Map.entry("LV", 21), Map.entry("LT", 20),
            Map.entry("PL", 28), Map.entry("BE", 16), Map.entry("AT", 20), Map.entry("ES", 24), Map.entry("IT", 27),
            Map.entry("IE", 22), Map.entry("CH", 21), Map.entry("LU", 20));

    private BankAccounts() {
    }

    /** The details in their stored form (upper case, IBAN without spaces), or 400 naming the field that is wrong. */
    public static PaymentDetails check(PaymentDetails given) {
        if (given == null) {
            throw ApiProblem.badRequest("Send the payment details as JSON: {\"bankName\", \"bic\", \"accountNumber\","
                    + " \"iban\"}, with the bank's name or BIC, and the account number or IBAN.");
        }
        String bankName = blankToNull(given.bankName());
        String bic = blankToNull(given.bic()) == null ? null : bic(given.bic());
        String iban = blankToNull(given.iban()) == null ? null : iban(given.iban());
        String accountNumber = blankToNull(given.accountNumber());
        if (bankName != null && bankName.length() > 200) {
            throw ApiProblem.badRequest("The field 'bankName' may be at most 200 characters long.");
        }
        if (bankName == null && bic == null) {
            throw ApiProblem.badRequest("The field 'bankName' or the field 'bic' must name the bank: give its name, such"
                    + " as \"Nordea\", or its BIC, such as NDEASESS.");
        }
        if (accountNumber != null && !ACCOUNT.matcher(accountNumber).matches()) {
            throw ApiProblem.badRequest("The field 'accountNumber' must be the account number as the bank writes it (1 to"
                    + " 40 letters, digits, spaces, dots or dashes); '" + accountNumber + "' is not one.");
        }
        if (accountNumber == null && iban == null) {
            throw ApiProblem.badRequest("The field 'accountNumber' or the field 'iban' must name the account: give the"
                    + " account number, or the IBAN such as SE45 5000 0000 0583 9825 7466.");
        }
        return new PaymentDetails(bankName, bic, accountNumber, iban);
    }

    /** The IBAN without spaces in upper case, or 400 naming the field 'iban' and saying what is wrong. */
    static String iban(String text) {
        String iban = text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!IBAN.matcher(iban).matches() || !COUNTRIES.contains(iban.substring(0, 2))) {
            throw ApiProblem.badRequest("The field 'iban' must be an IBAN: a country code, two check digits and the"
                    + " account, 15 to 34 characters, such as SE45 5000 0000 0583 9825 7466; '" + text + "' is not one.");
        }
        Integer length = IBAN_LENGTHS.get(iban.substring(0, 2));
        if (length != null && iban.length() != length) {
            throw ApiProblem.badRequest("The field 'iban' has " + iban.length() + " characters, but an IBAN of "
                    + iban.substring(0, 2) + " has " + length + ". Check for a missing or extra character.");
        }
        if (!checkDigitsMatch(iban)) {
            throw ApiProblem.badRequest("The field 'iban' is '" + text + "', whose check digits do not match the account."
                    + " Check for a mistyped character.");
        }
        return iban;
    }

    /** The BIC in upper case, or 400 naming the field 'bic'. */
    static String bic(String text) {
        String bic = text.trim().toUpperCase(Locale.ROOT);
        var form = BIC.matcher(bic);
        if (!form.matches() || !COUNTRIES.contains(form.group(1))) {
            throw ApiProblem.badRequest("The field 'bic' must be a BIC (SWIFT code): 4 letters for the bank, 2 for the"
                    + " country, 2 letters or digits for the place, and maybe 3 for the branch, such as NDEASESS or"
                    + " ESSESESSXXX; '" + text + "' is not one.");
        }
        return bic;
    }

    /** ISO 7064 MOD 97-10: the first four characters moved to the end, letters as 10 to 35, the number mod 97 is 1. */
    static boolean checkDigitsMatch(String iban) {
        StringBuilder digits = new StringBuilder();
        for (char c : (iban.substring(4) + iban.substring(0, 4)).toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** The last four characters, the rest as stars: "****7466"; "-" for none. */
    static String mask(String secret) {
        if (secret == null) {
            return "-";
        }
        return secret.length() <= 4 ? "****" : "*".repeat(Math.min(8, secret.length() - 4)) + secret.substring(secret.length() - 4);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
