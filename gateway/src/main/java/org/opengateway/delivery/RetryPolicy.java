package org.opengateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.opengateway.config.GatewayProperties;

/**
 * When to try a transient failure again: exponential backoff with random spread (so that invoices that failed together
 * do not all come back at the same moment), until the configured time since the first attempt has passed.
 */
public class RetryPolicy {

    private final GatewayProperties.Sending.Retry settings;
    private final DoubleSupplier random;

    public RetryPolicy(GatewayProperties.Sending.Retry settings, DoubleSupplier random) {
        if (settings.multiplier() < 1 || settings.jitter() < 0 || settings.jitter() >= 1) {
            throw new IllegalArgumentException("gateway.sending.retry: the multiplier must be at least 1 and the jitter"
                    + " between 0 and 1, not " + settings.multiplier() + " and " + settings.jitter() + ".");
        }
        this.settings = settings;
        this.random = random;
    }

    /**
     * The time of the next attempt after attempt number {@code attempt} (1 for the first) failed at {@code now}, or
     * empty when it would fall after the time to give up.
     */
    public Optional<OffsetDateTime> next(int attempt, OffsetDateTime firstAttemptAt, OffsetDateTime now) {
        double base = settings.firstDelay().toMillis() * Math.pow(settings.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(base, settings.maxDelay().toMillis());
        double spread = 1 + settings.jitter() * (2 * random.getAsDouble() - 1);
        OffsetDateTime next = now.plus(Duration.ofMillis(Math.max(1, Math.round(capped * spread))));
        return next.isAfter(firstAttemptAt.plus(settings.giveUpAfter())) ? Optional.empty() : Optional.of(next);
    }
}
