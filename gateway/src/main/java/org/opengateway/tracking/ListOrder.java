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
        RECEIVED_AT("receivedAt", "received_at"),
        NUMBER("invoiceNumber", "invoice_number"),
        ISSUE_DATE("issueDate", "issue_date"),
        COUNTERPART("counterpart", "counterpart_name"),
        TOTAL("total", "total_amount"),
        STATUS("status", "status"),
        CHANNEL("channel", "channel");

        private final String key;
        private final String sql;

        Column(String key, String sql) {
            this.key = key;
            this.sql = sql;
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

    /** The ORDER BY clause; the id last, so that rows with equal values keep one order from page to page. */
    String sql() {
        String direction = descending ? " DESC" : " ASC";
        return column.sql() + direction + ", id" + direction;
    }
}
