package org.opengateway.company;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What may be shown of an API key: never the key or its hash. {@code lastFour} is empty for keys made before it was kept. */
public record ApiKeyInfo(UUID id, String label, String lastFour, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
}
