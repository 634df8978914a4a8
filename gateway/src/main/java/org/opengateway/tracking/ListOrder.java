package org.opengateway.tracking;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.opengateway.api.ApiProblem;

/**
 * How a list of invoices (sent or received) is sorted: one of the columns people may sort by, and the direction.
 * Only these columns reach the SQL, so a sort parameter can never name anything else.
 */
public record ListOrder(Column column, boolean descending) {

    /** Newest first: what a list shows when nothing else is asked for. */
    public static final ListOrder NEWEST_FIRST = new ListOrder(Column.RECEIVED_AT, true);

    /** The sortable columns, by the name the API and the pages use for them. */
    public enum Column {
        RECEIVED_AT("receivedAt", "received_at", Kind.TIME, false),
        NUMBER("invoiceNumber", "invoice_number", Kind.TEXT, true),
        ISSUE_DATE("issueDate", "issue_date", Kind.DATE, true),
        COUNTERPART("counterpart", "counterpart_name", Kind.TEXT, true),
        TOTAL("total", "total_amount", Kind.NUMBER, true),
        STATUS("status", "status", Kind.TEXT, false),
        CHANNEL("channel", "channel", Kind.TEXT, false);

        private final String key;
        private final String sql;
        private final Kind kind;
        private final boolean nullable;

        Column(String key, String sql, Kind kind, boolean nullable) {
            this.key = key;
            this.sql = sql;
            this.kind = kind;
            this.nullable = nullable;
        }

        Kind kind() {
            return kind;
        }

        /** Whether rows may lack a value; both databases sort those after every value (as the highest). */
        boolean nullable() {
            return nullable;
        }

        public String key() {
            return key;
        }

        String sql() {
            return sql;
        }
    }

    /** The order the parameters {@code sort} (a column name) and {@code dir} ({@code asc} or {@code desc}) ask for. */
    public static ListOrder of(String sort, String dir, Column... allowed) {
        if ((sort == null || sort.isBlank()) && (dir == null || dir.isBlank())) {
            return NEWEST_FIRST;
        }
        String key = sort == null || sort.isBlank() ? Column.RECEIVED_AT.key() : sort.trim();
        Column column = Arrays.stream(allowed).filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("The parameter 'sort' is '" + key + "'; it must be one of "
                        + Arrays.stream(allowed).map(Column::key).collect(Collectors.joining(", ")) + "."));
        String direction = dir == null || dir.isBlank() ? "desc" : dir.trim().toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiProblem.badRequest("The parameter 'dir' is '" + dir + "'; it must be asc or desc.");
        }
        return new ListOrder(column, direction.equals("desc"));
    }

    /** The kinds of value a sort column holds, as a cursor writes and reads them. */
    enum Kind {
        TIME, DATE, NUMBER, TEXT
    }

    /** The same column the other way round: how a list is read backwards from a cursor, or from its end. */
    public ListOrder reversed() {
        return new ListOrder(column, !descending);
    }

    /** The ORDER BY clause; the id last, so that rows with equal values keep one order from page to page. */
    String sql() {
        String direction = descending ? " DESC" : " ASC";
        return column.sql() + direction + ", id" + direction;
    }
}
