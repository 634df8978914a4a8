package org.opengateway.company;

import java.util.UUID;

/** A new API key: the only moment its secret is known. */
public record IssuedApiKey(UUID id, String key, ApiKeyInfo info) {
}
