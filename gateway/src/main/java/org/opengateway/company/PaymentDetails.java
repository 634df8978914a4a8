package org.opengateway.company;

/**
 * Where a company is paid: the bank by {@code bankName} or {@code bic} (or both), the account by {@code accountNumber}
 * or {@code iban} (or both). Any field may be null; {@link BankAccounts#check} makes sure enough is given.
 */
public record PaymentDetails(String bankName, String bic, String accountNumber, String iban) {

    /** The details with the account shown only by its last four characters, for mails, pages and the audit. */
    public String masked() {
        // no words but the names of the fields' standards: the text goes into mails in any language
        return (bankName == null ? "-" : bankName) + " / BIC " + (bic == null ? "-" : bic) + " / "
                + BankAccounts.mask(accountNumber) + " / IBAN " + BankAccounts.mask(iban);
    }
}
