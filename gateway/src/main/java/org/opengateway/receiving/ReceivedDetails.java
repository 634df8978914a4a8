package org.opengateway.receiving;

import java.util.List;
import org.opengateway.validation.Finding;

/** A received document with its history and what our validation found in it. */
public record ReceivedDetails(ReceivedRecord document, List<ReceivedEvent> history, List<Finding> findings) {
}
