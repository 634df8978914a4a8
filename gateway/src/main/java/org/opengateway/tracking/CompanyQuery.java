package org.opengateway.tracking;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A filtered, paged list of one company's rows, newest first: always limited to the company, so that no filter can
 * reach another company's documents. Table and column names come from code, values only as parameters.
 */
public final class CompanyQuery {

    private final String table;
    private final StringBuilder where = new StringBuilder(" WHERE company_id = :company");
    private final Map<String, Object> params = new LinkedHashMap<>();

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
     * Keeps the rows of one counterpart: the participant ID in {@code participantColumn} (as {@code participant}
     * writes it), or a name in {@code nameColumn} that contains the text, whatever its case. No condition when blank.
     */
    public CompanyQuery counterpart(String text, String participantColumn, String participant, String nameColumn) {
        if (text != null && !text.isBlank()) {
            String id = "p" + params.size();
            params.put(id, participant);
            String name = "p" + params.size();
            params.put(name, "%" + likeEscaped(text.trim().toLowerCase(Locale.ROOT)) + "%");
            where.append(" AND (").append(participantColumn).append(" = :").append(id).append(" OR LOWER(")
                    .append(nameColumn).append(") LIKE :").append(name).append(" ESCAPE '\\')");
        }
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
        Map<String, Object> paged = new LinkedHashMap<>(params);
        paged.put("limit", size);
        paged.put("offset", (long) page * size);
        List<T> items = jdbc.sql("SELECT " + columns + " FROM " + table + where
                        + " ORDER BY " + order.sql() + " LIMIT :limit OFFSET :offset")
                .params(paged)
                .query(rows)
                .list();
        return new Result<>(items, total);
    }

    public record Result<T>(List<T> items, long total) {
    }
}
