package org.opengateway.receiving;

import java.util.List;

/** One page of a filtered list of received documents; {@code page} counts from 0. */
public record ReceivedPage(List<ReceivedRecord> items, int page, int size, long total) {
}
