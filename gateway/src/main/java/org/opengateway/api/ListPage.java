package org.opengateway.api;

import java.util.List;
import java.util.function.Function;
import org.opengateway.tracking.ListCursor;
import org.opengateway.tracking.ListSlice;

/**
 * A page of a console list as the API answers it. {@code next} and {@code previous} are opaque cursors to pass back
 * as {@code after} and {@code before} (null at the end and at the start); {@code total} is exact when
 * {@code totalExact}, else the list holds more than {@code total} rows.
 */
public record ListPage<T>(List<T> items, int size, long total, boolean totalExact, String previous, String next) {

    static <R, T> ListPage<T> of(ListSlice<R> slice, int size, Function<R, T> row) {
        return new ListPage<>(slice.items().stream().map(row).toList(), size, slice.total(), slice.totalExact(),
                text(slice.previous()), text(slice.next()));
    }

    private static String text(ListCursor cursor) {
        return cursor == null ? null : cursor.encode();
    }
}
