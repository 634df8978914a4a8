package org.opengateway.company;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a change of company settings: what is in effect now, and what waits for the mailed link. 200 when
 * everything took effect; 202 when something waits, with a message that says where the link went.
 */
public record ChangeAnswer<T>(T current, SensitiveChanges.Pending pending, String message) {

    static <T> ResponseEntity<ChangeAnswer<T>> of(T current, Optional<SensitiveChanges.Pending> pending) {
        if (pending.isEmpty()) {
            return ResponseEntity.ok(new ChangeAnswer<>(current, null, "Saved."));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ChangeAnswer<>(current, pending.get(),
                "A confirmation link was sent to " + pending.get().sentTo() + ". The change of the "
                        + pending.get().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " ("
                        + pending.get().summary() + ") takes effect when the link is followed, before "
                        + pending.get().expiresAt() + "."));
    }
}
