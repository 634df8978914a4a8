package org.opengateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParticipantIdTest {

    @Test
    void readsTheUsualFormsAndIgnoresCase() {
        assertThat(ParticipantId.parse("0007:5567321707")).isEqualTo(new ParticipantId("0007", "5567321707"));
        assertThat(ParticipantId.parse("iso6523-actorid-upis::0088:ABC")).isEqualTo(ParticipantId.parse("0088:abc"));
        assertThat(ParticipantId.parse(" 0192:987654321 ")).hasToString("0192:987654321");
    }

    @Test
    void refusesTextWithoutScheme() {
        assertThatThrownBy(() -> ParticipantId.parse("5567321707")).hasMessageContaining("0007:5567321707");
        assertThatThrownBy(() -> ParticipantId.parse("0007:")).isInstanceOf(IllegalArgumentException.class);
    }
}
