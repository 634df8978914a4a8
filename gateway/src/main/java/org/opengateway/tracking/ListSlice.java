package org.opengateway.tracking;

import java.util.List;

/**
 * One page of a sorted list, with the cursors of the pages before and after it (null at either end), and how many
 * rows match: exactly up to {@link CompanyQuery#COUNT_LIMIT}, beyond that {@code totalExact} is false and
 * {@code total} only says "more than".
 */
public record ListSlice<T>(List<T> items, ListCursor previous, ListCursor next, long total, boolean totalExact) {
}
