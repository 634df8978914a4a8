package org.opengateway.customers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.opengateway.directory.PartyLookup;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A company's customers, one per country and organisation number. */
@Repository
public class CustomerRegister {

    /** One customer as stored. */
    public record Customer(UUID id, String name, String country, String orgNumber, String email, String address,
            String participant, Reachability reachability, String reason, OffsetDateTime updatedAt) {
    }

    public record Page(List<Customer> items, int page, int size, long total) {
    }

    private static final String COLUMNS = "id, name, country, org_number, email, address, participant, reachability,"
            + " reason, updated_at";
    private static final RowMapper<Customer> ROWS = (rs, n) -> new Customer(rs.getObject("id", UUID.class),
            rs.getString("name"), rs.getString("country"), rs.getString("org_number"), rs.getString("email"),
            rs.getString("address"), rs.getString("participant"), Reachability.valueOf(rs.getString("reachability")),
            rs.getString("reason"), rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcClient jdbc;

    public CustomerRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the customer, or updates the one with the same country and organisation number. */
    void save(UUID companyId, CustomerCheck.Outcome outcome) {
        CustomerRow row = outcome.row();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE customer SET name = ?, email = ?, address = ?, participant = ?, reachability = ?,"
                        + " reason = ?, updated_at = ? WHERE company_id = ? AND country = ? AND org_number = ?")
                .params(row.name(), blankToNull(row.email()), blankToNull(row.address()), outcome.participant(),
                        outcome.reachability().name(), outcome.reason(), now, companyId, outcome.country(),
                        outcome.orgNumber())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO customer (id, company_id, country, org_number, name, email, address, participant,"
                            + " reachability, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), companyId, outcome.country(), outcome.orgNumber(), row.name(),
                            blankToNull(row.email()), blankToNull(row.address()), outcome.participant(),
                            outcome.reachability().name(), outcome.reason(), now)
                    .update();
        }
    }

    /** One page of the company's customers, by name. */
    public Page list(UUID companyId, int page, int size) {
        long total = jdbc.sql("SELECT COUNT(*) FROM customer WHERE company_id = ?").param(companyId)
                .query(Long.class).single();
        List<Customer> items = jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE company_id = ?"
                        + " ORDER BY name, country, org_number LIMIT ? OFFSET ?")
                .params(companyId, size, (long) page * size).query(ROWS).list();
        return new Page(items, page, size, total);
    }

    /** The company's customers whose name contains the text (any case), at most {@code limit}. */
    public List<Customer> named(UUID companyId, String text, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE company_id = ? AND LOWER(name) LIKE ?"
                        + " ORDER BY name LIMIT ?")
                .params(companyId, "%" + PartyLookup.likeEscaped(text.trim().toLowerCase()) + "%", limit)
                .query(ROWS).list();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
