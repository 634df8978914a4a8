package org.opengateway.tracking;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.opengateway.api.ApiProblem;

/**
 * A place in a sorted list: the sort value and the id of one row (the id breaks ties). A page is read from the rows
 * after or before it, so turning to a page far down a list costs the same as turning to the second one. It travels as
 * an opaque text that names the column it was made for, so that a cursor of another sort is refused, not misread.
 */
public record ListCursor(ListOrder.Column column, Object value, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** The text the API hands out: column, id, then the value (last, as it may hold any character). */
    public String encode() {
        String text = column.key() + "|" + id + "|" + (value == null ? "-" : "=" + written(value));
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a request names in {@code parameter}, for a list sorted by {@code column}; a text that is not one of
     * ours, or one made for another sort, is refused with the parameter's name.
     */
    public static ListCursor decode(String text, String parameter, ListOrder.Column column) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8).split("\\|", 3);
        } catch (IllegalArgumentException e) {
            throw refused(parameter);
        }
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw refused(parameter);
        }
        if (!parts[0].equals(column.key())) {
            throw ApiProblem.badRequest("The parameter '" + parameter + "' is a place in the list sorted by "
                    + parts[0] + ", but this list is sorted by " + column.key() + ". Start again from the first page.");
        }
        try {
            UUID id = UUID.fromString(parts[1]);
            return new ListCursor(column, parts[2].equals("-") ? null : read(column.kind(), parts[2].substring(1)), id);
        } catch (RuntimeException e) {
            throw refused(parameter);
        }
    }

    private static String written(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    private static Object read(ListOrder.Kind kind, String text) {
        return switch (kind) {
            case TIME -> OffsetDateTime.parse(text);
            case DATE -> LocalDate.parse(text);
            case NUMBER -> new BigDecimal(text);
            case TEXT -> text;
        };
    }

    private static ApiProblem refused(String parameter) {
        return ApiProblem.badRequest("The parameter '" + parameter + "' is not a place in this list: use the"
                + " 'next' or 'previous' value of an answer unchanged, or start again from the first page.");
    }
}
