package org.opengateway.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every {@code gateway.accounts.*} setting: sessions, passwords, reset links and the brake on failed logins. */
@ConfigurationProperties("gateway.accounts")
public record AccountProperties(
        @DefaultValue("60m") Duration sessionIdleTimeout,
        @DefaultValue("12") int passwordMinLength,
        @DefaultValue("30m") Duration resetLinkValidFor,
        @DefaultValue Login login,
        @DefaultValue Argon2 argon2) {

    /**
     * After {@code slowAfter} failed logins in a row, each further try must wait twice as long as the one before
     * (1 s, 2 s, 4 s...); after {@code lockAfter} the account (or the remote address) is locked for {@code lockFor}.
     * A failure older than {@code lockFor} starts the count afresh.
     */
    public record Login(
            @DefaultValue("3") int slowAfter,
            @DefaultValue("10") int lockAfter,
            @DefaultValue("20") int addressSlowAfter,
            @DefaultValue("100") int addressLockAfter,
            @DefaultValue("15m") Duration lockFor) {
    }

    /** Argon2id cost of new password hashes; stored hashes keep their own and are raised at the next login. */
    public record Argon2(
            @DefaultValue("19456") int memoryKib,
            @DefaultValue("2") int iterations,
            @DefaultValue("1") int parallelism) {
    }
}
