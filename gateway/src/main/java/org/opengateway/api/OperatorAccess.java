package org.opengateway.api;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.opengateway.document.Sha256;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may call the operator API ({@code /api/v1/operator/}): for now whoever sends the operator key
 * {@code gateway.operator.api-key} as {@code Authorization: Bearer <key>}. The one place that decides it, so that it
 * can become a role of a user account later. Only the key's SHA-256 is kept in memory.
 */
@Component
public class OperatorAccess {

    private final byte[] keyHash;

    public OperatorAccess(OperatorSettings settings) {
        String key = settings.apiKey() == null ? "" : settings.apiKey().trim();
        this.keyHash = key.isEmpty() ? null : hash(key);
    }

    /** Lets the call through, or answers 401 (no or wrong key) or 403 (the operator API is off). */
    public void check(HttpServletRequest request) {
        if (keyHash == null) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "The operator API is off. Set"
                    + " gateway.operator.api-key (take it from the environment: GATEWAY_OPERATOR_API_KEY) and restart.");
        }
        String header = request.getHeader("Authorization");
        String key = ApiKeyFilter.bearerToken(header);
        if (key == null || !MessageDigest.isEqual(keyHash, hash(key))) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", key == null
                    ? "No operator key was sent. Send it in the header 'Authorization: Bearer <operator key>'."
                    : "This is not the operator key (gateway.operator.api-key). A company's API key does not open"
                            + " the operator API.");
        }
    }

    private static byte[] hash(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }
}
