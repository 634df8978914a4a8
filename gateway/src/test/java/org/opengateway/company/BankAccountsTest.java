package org.opengateway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opengateway.api.ApiProblem;

class BankAccountsTest {

    @Test
    void ibansOfSeveralCountriesPassTheirCheckDigits() {
        for (String iban : new String[] {"SE45 5000 0000 0583 9825 7466", "NO93 8601 1117 947", "DK50 0040 0440 1162 43",
                "FI21 1234 5600 0007 85", "GB82 WEST 1234 5698 7654 32"}) {
            assertThat(BankAccounts.iban(iban)).isEqualTo(iban.replace(" ", ""));
        }
    }

    @Test
    void aMistypedIbanIsRefusedNamingTheField() {
        assertThatThrownBy(() -> BankAccounts.iban("SE45 5000 0000 0583 9825 7476")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("'iban'").hasMessageContaining("check digits");
        assertThatThrownBy(() -> BankAccounts.iban("SE45 5000 0000 0583 9825 746")).hasMessageContaining("has 23");
        assertThatThrownBy(() -> BankAccounts.iban("XX45 5000 0000 0583 9825 7466")).hasMessageContaining("'iban'");
        assertThatThrownBy(() -> BankAccounts.iban("hello")).hasMessageContaining("'iban'");
    }

    @Test
    void bicsAreCheckedByTheirForm() {
        assertThat(BankAccounts.bic("ndeasess")).isEqualTo("NDEASESS");
        assertThat(BankAccounts.bic("ESSESESSXXX")).isEqualTo("ESSESESSXXX");
        assertThatThrownBy(() -> BankAccounts.bic("NDEASE")).hasMessageContaining("'bic'");
        assertThatThrownBy(() -> BankAccounts.bic("NDEAXXSS")).hasMessageContaining("'bic'"); // XX is no country
        assertThatThrownBy(() -> BankAccounts.bic("NDEASESSX")).hasMessageContaining("'bic'");
    }

    @Test
    void theBankAndTheAccountMustEachBeGivenOneWayOrTheOther() {
        assertThat(BankAccounts.check(new PaymentDetails(" Nordea ", null, "3300-123456", null)))
                .isEqualTo(new PaymentDetails("Nordea", null, "3300-123456", null));
        assertThatThrownBy(() -> BankAccounts.check(new PaymentDetails(null, null, "3300-123456", null)))
                .hasMessageContaining("'bankName' or the field 'bic'");
        assertThatThrownBy(() -> BankAccounts.check(new PaymentDetails(null, "NDEASESS", " ", null)))
                .hasMessageContaining("'accountNumber' or the field 'iban'");
    }

    @Test
    void maskingShowsOnlyTheLastFour() {
        assertThat(new PaymentDetails("Nordea", null, null, "SE4550000000058398257466").masked())
                .contains("********7466").doesNotContain("0583");
    }
}
