package org.opengateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static PasswordHasher hasher(int memoryKib, int iterations) {
        return new PasswordHasher(new AccountProperties(null, 12, null, null,
                new AccountProperties.Argon2(memoryKib, iterations, 1)));
    }

    @Test
    void theHashKeepsItsParametersAndSaltAndVerifiesOnlyThePassword() {
        PasswordHasher hasher = hasher(1024, 2);
        String stored = hasher.hash("correct horse battery");
        assertThat(stored).startsWith("argon2id$v=19$m=1024,t=2,p=1$").doesNotContain("correct horse");
        assertThat(hasher.verify("correct horse battery", stored)).isTrue();
        assertThat(hasher.verify("correct horse batterY", stored)).isFalse();
        assertThat(hasher.hash("correct horse battery")).as("a fresh salt each time").isNotEqualTo(stored);
    }

    @Test
    void anOlderCheaperHashStillVerifiesAndIsKnownToBeWeaker() {
        String old = hasher(1024, 1).hash("correct horse battery");
        PasswordHasher raised = hasher(2048, 2);
        assertThat(raised.verify("correct horse battery", old)).isTrue();
        assertThat(raised.isWeakerThanCurrent(old)).isTrue();
        assertThat(raised.isWeakerThanCurrent(raised.hash("correct horse battery"))).isFalse();
    }
}
