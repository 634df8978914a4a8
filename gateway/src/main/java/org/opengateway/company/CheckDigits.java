package org.opengateway.company;

/**
 * The check digits of the Nordic organisation numbers, in one place for the companies we register and the parties we
 * look up. Each method takes the number as digits only (no dashes or spaces) and of its country's length.
 */
public final class CheckDigits {

    private static final int[] NORDIC_MOD11 = {3, 2, 7, 6, 5, 4, 3, 2};

    private CheckDigits() {
    }

    /** Sweden (organisation number, 10 digits): the Luhn check. */
    public static boolean swedish(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    /** Norway (organisation number, 9 digits): modulus 11 on the first eight. */
    public static boolean norwegian(String digits) {
        return mod11(digits, NORDIC_MOD11, 8);
    }

    /** Denmark (CVR, 8 digits): the weighted sum of all eight is a multiple of 11. */
    public static boolean danish(String digits) {
        return weightedSum(digits, new int[] {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0;
    }

    /** Iceland (kennitala, 10 digits): modulus 11 on the first eight, the check digit ninth. */
    public static boolean icelandic(String digits) {
        return mod11(digits, NORDIC_MOD11, 8);
    }

    /** Finland (business ID, 8 digits without its dash): modulus 11 on the first seven; remainder 1 is never issued. */
    public static boolean finnish(String digits) {
        int remainder = weightedSum(digits.substring(0, 7), new int[] {7, 9, 10, 5, 8, 4, 2}) % 11;
        int check = remainder == 0 ? 0 : 11 - remainder;
        return remainder != 1 && check == digits.charAt(7) - '0';
    }

    /** The digit at {@code checkAt} is 11 minus the weighted sum of those before it, modulo 11 (11 gives 0). */
    private static boolean mod11(String digits, int[] weights, int checkAt) {
        int check = 11 - weightedSum(digits.substring(0, checkAt), weights) % 11;
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits.charAt(checkAt) - '0';
    }

    private static int weightedSum(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum;
    }
}
