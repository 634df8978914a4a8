package org.opengateway.tracking;

/**
 * Which page of a sorted list to read: the first ({@code page} 0 and no cursor), the rows {@code after} or
 * {@code before} a cursor, or the {@code last} page. {@code page} above 0 skips that many pages by counting rows,
 * which is slow far down a list; it is kept for near pages and for callers that count pages.
 */
public record PageRequest(ListOrder order, int size, int page, ListCursor after, ListCursor before, boolean last) {

    public static PageRequest first(ListOrder order, int size) {
        return new PageRequest(order, size, 0, null, null, false);
    }

    /** Whether the page is read in the list's own order (else backwards, from a cursor or from the end). */
    boolean forwards() {
        return before == null && !last;
    }

    /** The place reading starts from, in the order the rows are read; null from either end. */
    ListCursor anchor() {
        return forwards() ? after : before;
    }
}
