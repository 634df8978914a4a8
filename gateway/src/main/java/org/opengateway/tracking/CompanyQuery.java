package org.opengateway.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A filtered, paged list of one company's rows, newest first: always limited to the company, so that no filter can
 * reach another company's documents. Table and column names come from code, values only as parameters.
 */
public final class CompanyQuery {

    /** Counting stops here: beyond it a list says "more than 10,000", as an exact count reads every matching row. */
    public static final int COUNT_LIMIT = 10_000;

    /** A participant ID as people write it: an ISO 6523 scheme of four digits, a colon and the value. */
    private static final Pattern PARTICIPANT_ID = Pattern.compile("([^\\s:]+::)?\\d{4}:\\S+");

    private final String table;
    private final StringBuilder where = new StringBuilder(" WHERE company_id = :company");
    private final Map<String, Object> params = new LinkedHashMap<>();
    /** The columns an {@link #equal} condition holds to one value. */
    private final List<String> fixed = new ArrayList<>();

    private CompanyQuery(String table, UUID companyId) {
        this.table = table;
        params.put("company", companyId);
    }

    public static CompanyQuery of(String table, UUID companyId) {
        return new CompanyQuery(table, companyId);
    }

    /** Keeps the rows whose column has this value; no condition when the value is null. */
    public CompanyQuery equal(String column, Object value) {
        if (value != null) {
            String name = "p" + params.size();
            where.append(" AND ").append(column).append(" = :").append(name);
            params.put(name, value);
            fixed.add(column);
        }
        return this;
    }

    /** Keeps the rows whose column starts with this text; no condition when the text is null or blank. */
    public CompanyQuery startsWith(String column, String prefix) {
        if (prefix != null && !prefix.isBlank()) {
            String name = "p" + params.size();
            where.append(" AND ").append(column).append(" LIKE :").append(name).append(" ESCAPE '\\'");
            params.put(name, likeEscaped(prefix.trim()) + "%");
        }
        return this;
    }

    /**
     * Keeps the rows of one counterpart: when the text is written as a participant ID ("0007:5567321707", also with
     * a "scheme::" prefix), the rows whose {@code participantColumn} holds it as {@code stored} writes it; otherwise
     * the rows whose {@code nameColumn} contains the text, whatever its case. No condition when blank. One column or
     * the other, never both in one condition: an index serves "participant = x", none serves "x OR name contains y".
     */
    public CompanyQuery counterpart(String text, String participantColumn, UnaryOperator<String> stored,
            String nameColumn) {
        if (text == null || text.isBlank()) {
            return this;
        }
        if (PARTICIPANT_ID.matcher(text.trim()).matches()) {
            return equal(participantColumn, stored.apply(text));
        }
        String name = "p" + params.size();
        params.put(name, "%" + likeEscaped(text.trim().toLowerCase(Locale.ROOT)) + "%");
        where.append(" AND LOWER(").append(nameColumn).append(") LIKE :").append(name).append(" ESCAPE '\\'");
        return this;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Keeps the rows received on these days (UTC, both included); either end may be open. */
    public CompanyQuery receivedBetween(LocalDate from, LocalDate to) {
        if (from != null) {
            where.append(" AND received_at >= :from");
            params.put("from", FindingRows.startOf(from));
        }
        if (to != null) {
            where.append(" AND received_at < :to");
            params.put("to", FindingRows.startOf(to.plusDays(1)));
        }
        return this;
    }

    /** One page of matching rows, newest first, and how many match in all. */
    public <T> Result<T> page(JdbcClient jdbc, String columns, RowMapper<T> rows, int page, int size) {
        return page(jdbc, columns, rows, page, size, ListOrder.NEWEST_FIRST);
    }

    /** One page of matching rows in the given order, and how many match in all. */
    public <T> Result<T> page(JdbcClient jdbc, String columns, RowMapper<T> rows, int page, int size, ListOrder order) {
        long total = jdbc.sql("SELECT COUNT(*) FROM " + table + where).params(params).query(Long.class).single();
        return new Result<>(skipping(jdbc, columns, rows, order, (long) page * size, size), total);
    }

    /**
     * The page a person asked for (see {@link PageRequest}), read by the sort value of a neighbouring row rather than
     * by counting rows, with the cursors of the pages around it and a count that stops at {@link #COUNT_LIMIT}.
     */
    public <T> ListSlice<T> seek(JdbcClient jdbc, String columns, RowMapper<T> rows, PageRequest request) {
        ListOrder order = request.forwards() ? request.order() : request.order().reversed();
        // The places (id and sort value) first, then the rows: with only columns of the sort index to read, H2 reads
        // that index in order and stops at the page's end; asked for every column it may sort all the company's rows.
        String placeColumns = "id, " + order.column().sql();
        RowMapper<ListCursor> place = (rs, n) -> new ListCursor(order.column(), sortValue(rs, order.column()),
                rs.getObject("id", UUID.class));
        int size = request.size();
        List<ListCursor> read = request.forwards() && request.after() == null
                ? skipping(jdbc, placeColumns, place, order, (long) request.page() * size, size + 1)
                : after(jdbc, placeColumns, place, order, request.anchor(), size + 1);
        boolean more = read.size() > size;
        List<ListCursor> shown = new ArrayList<>(more ? read.subList(0, size) : read);
        if (!request.forwards()) {
            Collections.reverse(shown);
        }
        boolean previous = request.forwards() ? request.after() != null || request.page() > 0 : more;
        boolean next = request.forwards() ? more : request.before() != null;
        boolean all = request.forwards() && request.after() == null && request.page() == 0 && !more;
        long total = all ? shown.size() : jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM " + table + where + " LIMIT "
                + (COUNT_LIMIT + 1) + ") capped").params(params).query(Long.class).single();
        return new ListSlice<>(rowsOf(jdbc, columns, rows, shown),
                previous && !shown.isEmpty() ? shown.get(0) : null,
                next && !shown.isEmpty() ? shown.get(shown.size() - 1) : null,
                Math.min(total, COUNT_LIMIT), total <= COUNT_LIMIT);
    }

    /** The rows at these places, in their order. */
    private <T> List<T> rowsOf(JdbcClient jdbc, String columns, RowMapper<T> rows, List<ListCursor> places) {
        if (places.isEmpty()) {
            return List.of();
        }
        Map<UUID, T> byId = new HashMap<>();
        jdbc.sql("SELECT " + columns + " FROM " + table + " WHERE company_id = :company AND id IN (:ids)")
                .param("company", params.get("company"))
                .param("ids", places.stream().map(ListCursor::id).toList())
                .query((rs, n) -> byId.put(rs.getObject("id", UUID.class), rows.mapRow(rs, n)))
                .list();
        return places.stream().map(at -> byId.get(at.id())).filter(Objects::nonNull).toList();
    }

    private <T> List<T> skipping(JdbcClient jdbc, String columns, RowMapper<T> rows, ListOrder order, long offset,
            int limit) {
        Map<String, Object> paged = new LinkedHashMap<>(params);
        paged.put("limit", limit);
        paged.put("offset", offset);
        return jdbc.sql("SELECT " + columns + " FROM " + table + where
                        + orderBy(order) + " LIMIT :limit OFFSET :offset")
                .params(paged)
                .query(rows)
                .list();
    }

    /**
     * Up to {@code limit} rows after {@code anchor} (from the start when null) in {@code order}. A column that may be
     * empty is read in two parts, the rows with a value and those without (which sort last, as the highest), so that
     * each part is one range of its index: a condition such as "value above x or no value" would make the database
     * read every row.
     */
    private <T> List<T> after(JdbcClient jdbc, String columns, RowMapper<T> rows, ListOrder order, ListCursor anchor,
            int limit) {
        ListOrder.Column column = order.column();
        List<Boolean> parts = !column.nullable() ? List.of(false)
                : order.descending() ? List.of(true, false) : List.of(false, true);
        String beyond = order.descending() ? " < " : " > ";
        List<T> found = new ArrayList<>();
        for (int part = anchor == null ? 0 : parts.indexOf(anchor.value() == null); part < parts.size()
                && found.size() < limit; part++) {
            boolean empty = parts.get(part);
            boolean fromAnchor = anchor != null && part == parts.indexOf(anchor.value() == null);
            Map<String, Object> values = new LinkedHashMap<>(params);
            StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM " + table + where);
            if (empty) {
                sql.append(" AND ").append(column.sql()).append(" IS NULL");
                if (fromAnchor) {
                    sql.append(" AND id").append(beyond).append(":anchor_id");
                }
            } else {
                if (column.nullable()) {
                    sql.append(" AND ").append(column.sql()).append(" IS NOT NULL");
                }
                if (fromAnchor) {
                    sql.append(" AND ").append(column.sql()).append(beyond.trim()).append("= :anchor_value AND (")
                            .append(column.sql()).append(beyond).append(":anchor_value OR id").append(beyond)
                            .append(":anchor_id)");
                    values.put("anchor_value", anchor.value());
                }
            }
            if (fromAnchor) {
                values.put("anchor_id", anchor.id());
            }
            values.put("limit", limit - found.size());
            found.addAll(jdbc.sql(sql + orderBy(order) + " LIMIT :limit").params(values).query(rows).list());
        }
        return found;
    }

    /**
     * The company first, and the columns held to one value by the search, although they are the same in every row:
     * H2 reads rows in the order of an index only when the ORDER BY names the index's columns from its first one
     * (such as company, status, time of receipt), and otherwise sorts every matching row. PostgreSQL needs no such help.
     */
    private String orderBy(ListOrder order) {
        StringBuilder sql = new StringBuilder(" ORDER BY company_id, ");
        fixed.stream().filter(column -> !column.equals(order.column().sql()))
                .forEach(column -> sql.append(column).append(", "));
        return sql.append(order.sql()).toString();
    }

    private static Object sortValue(ResultSet rs, ListOrder.Column column) throws SQLException {
        return switch (column.kind()) {
            case TIME -> rs.getObject(column.sql(), OffsetDateTime.class);
            case DATE -> rs.getObject(column.sql(), LocalDate.class);
            case NUMBER -> rs.getBigDecimal(column.sql());
            case TEXT -> rs.getString(column.sql());
        };
    }

    public record Result<T>(List<T> items, long total) {
    }
}
