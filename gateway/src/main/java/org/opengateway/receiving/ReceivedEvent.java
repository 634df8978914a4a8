package org.opengateway.receiving;

import java.time.OffsetDateTime;

/** One entry of a received document's history: the state it moved to, why, and when. */
public record ReceivedEvent(ReceivedStatus status, String reason, OffsetDateTime at) {
}
