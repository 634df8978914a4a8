package org.opengateway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompanyIdentifiersTest {

    @Test
    void nordicOrganisationNumbersAreCheckedWithTheirCheckDigits() {
        assertThat(CompanyIdentifiers.orgNumber("SE", "556732-1707")).isEqualTo("5567321707");
        assertThat(CompanyIdentifiers.orgNumber("NO", "923 609 016")).isEqualTo("923609016");
        assertThat(CompanyIdentifiers.orgNumber("DK", "13585628")).isEqualTo("13585628");
        assertThat(CompanyIdentifiers.orgNumber("FI", "0112038-9")).isEqualTo("0112038-9");
        assertThat(CompanyIdentifiers.orgNumber("IS", "4101692159")).isEqualTo("4101692159");
        assertThat(CompanyIdentifiers.orgNumber("DE", "HRB 12345")).isEqualTo("HRB 12345");

        assertThatThrownBy(() -> CompanyIdentifiers.orgNumber("SE", "5567321708"))
                .hasMessageContaining("'orgNumber'").hasMessageContaining("check digit");
        assertThatThrownBy(() -> CompanyIdentifiers.orgNumber("NO", "92360901"))
                .hasMessageContaining("9 digits");
        assertThatThrownBy(() -> CompanyIdentifiers.orgNumber("FI", "0112038-8"))
                .hasMessageContaining("Y-tunnus");
        assertThatThrownBy(() -> CompanyIdentifiers.orgNumber("DK", "13585627")).hasMessageContaining("check digit");
    }

    @Test
    void countriesAreIsoCodes() {
        assertThat(CompanyIdentifiers.country(" se ")).isEqualTo("SE");
        assertThatThrownBy(() -> CompanyIdentifiers.country("Sweden")).hasMessageContaining("'country'");
        assertThatThrownBy(() -> CompanyIdentifiers.country(null)).hasMessageContaining("it is empty");
    }

    @Test
    void participantIdsNeedAFourDigitSchemeAndTheSchemesDigits() {
        assertThat(CompanyIdentifiers.participant("0007:5567321707", "participants[0]").toString())
                .isEqualTo("0007:5567321707");
        assertThat(CompanyIdentifiers.participant("iso6523-actorid-upis::0192:923609016", "p").toString())
                .isEqualTo("0192:923609016");
        assertThatThrownBy(() -> CompanyIdentifiers.participant("5567321707", "participants[1]"))
                .hasMessageContaining("'participants[1]'");
        assertThatThrownBy(() -> CompanyIdentifiers.participant("SE:5567321707", "participants[0]"))
                .hasMessageContaining("four digits");
        assertThatThrownBy(() -> CompanyIdentifiers.participant("0007:556732-1707", "participants[0]"))
                .hasMessageContaining("10 digits");
        assertThatThrownBy(() -> CompanyIdentifiers.participant("9999:has space", "participants[0]"))
                .hasMessageContaining("without spaces");
    }
}
