package org.opengateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opengateway.document.ParticipantId;

class CountrySchemesTest {

    private static ParticipantId participant(String country, String orgNumber) {
        CountrySchemes.Result result = CountrySchemes.participant(country, orgNumber);
        assertThat(result.problem()).isNull();
        return result.participant().orElseThrow();
    }

    private static String problem(String country, String orgNumber) {
        CountrySchemes.Result result = CountrySchemes.participant(country, orgNumber);
        assertThat(result.participant()).isEmpty();
        return result.problem();
    }

    @Test
    void eachNordicCountryHasItsScheme() {
        assertThat(participant("SE", "556732-1707")).hasToString("0007:5567321707");
        assertThat(participant("se", " 5567321707 ")).hasToString("0007:5567321707");
        assertThat(participant("NO", "974 760 673")).hasToString("0192:974760673");
        assertThat(participant("DK", "10150817")).hasToString("0184:10150817");
        assertThat(participant("FI", "0112038-9")).hasToString("0216:003701120389");
        assertThat(participant("IS", "4504013150")).hasToString("0196:4504013150");
    }

    @Test
    void aMalformedNumberIsNamedWithWhatIsExpected() {
        assertThat(problem("SE", "5567321708")).isEqualTo("organisation number '5567321708' is not a valid SE"
                + " organisation number; expected 10 digits, e.g. 5567321707 or 556732-1707.");
        assertThat(problem("NO", "974760674")).contains("is not a valid NO organisation number");
        assertThat(problem("DK", "1234")).contains("expected 8 digits");
        // the same check digits as a company's own registration (CompanyIdentifiers)
        assertThat(problem("DK", "10150818")).contains("is not a valid DK organisation number");
        assertThat(problem("FI", "0112038-8")).contains("is not a valid FI organisation number");
        assertThat(problem("IS", "4504013140")).contains("is not a valid IS organisation number");
        assertThat(problem("SE", "")).isEqualTo("organisation number is missing.");
    }

    @Test
    void anUnknownCountryIsNamedWithTheKnownOnes() {
        assertThat(problem("XX", "123")).startsWith("country 'XX' is not one this gateway can map to Peppol; known are")
                .contains("SE", "NO", "DK", "FI", "IS");
        assertThat(problem(null, "123")).isEqualTo("country is missing; give the ISO code, e.g. SE.");
    }
}
