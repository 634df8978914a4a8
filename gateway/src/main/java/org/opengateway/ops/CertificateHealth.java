package org.opengateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code certificates} health component: UP with each certificate's end and days left (and a {@code warnings}
 * list when one ends within the warning days), DOWN once one has expired.
 */
@Component("certificates")
public class CertificateHealth implements HealthIndicator {

    private final CertificateExpiry expiry;

    public CertificateHealth(CertificateExpiry expiry) {
        this.expiry = expiry;
    }

    @Override
    public Health health() {
        List<CertificateExpiry.Verdict> verdicts = expiry.verdicts();
        Health.Builder health = verdicts.stream().anyMatch(v -> v.state() == CertificateExpiry.State.EXPIRED)
                ? Health.down() : Health.up();
        for (CertificateExpiry.Verdict verdict : verdicts) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("subject", verdict.subject());
            detail.put("expires", verdict.expiresOn().toString());
            detail.put("daysLeft", verdict.daysLeft());
            detail.put("state", verdict.state().name());
            health.withDetail(verdict.kind().tag(), detail);
        }
        List<String> warnings = verdicts.stream().filter(v -> v.state() != CertificateExpiry.State.VALID)
                .map(CertificateExpiry.Verdict::message).toList();
        if (!warnings.isEmpty()) {
            health.withDetail("warnings", warnings);
        }
        return health.build();
    }
}
