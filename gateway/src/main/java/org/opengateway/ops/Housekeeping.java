package org.opengateway.ops;

import org.opengateway.api.IdempotencyKeys;
import org.opengateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Periodic clean-ups; each is a plain statement that several nodes may run at the same time. */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final IdempotencyKeys idempotencyKeys;
    private final GatewayProperties properties;

    public Housekeeping(IdempotencyKeys idempotencyKeys, GatewayProperties properties) {
        this.idempotencyKeys = idempotencyKeys;
        this.properties = properties;
    }

    public void run() {
        int forgotten = idempotencyKeys.forgetOlderThan(properties.intake().idempotencyKeyRetention());
        if (forgotten > 0) {
            log.info("Forgot {} Idempotency-Keys older than {}", forgotten, properties.intake().idempotencyKeyRetention());
        }
    }
}
