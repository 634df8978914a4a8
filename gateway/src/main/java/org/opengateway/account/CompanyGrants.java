package org.opengateway.account;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which user may act for which company. Today there is one role: the company's administrator. */
@Repository
public class CompanyGrants {

    public static final String ADMINISTRATOR = "administrator";

    private final JdbcClient jdbc;

    public CompanyGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void grant(UUID userId, UUID companyId, String role) {
        jdbc.sql("INSERT INTO company_grant (user_id, company_id, role, granted_at) VALUES (?, ?, ?, ?)")
                .params(userId, companyId, role, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    public boolean has(UUID userId, UUID companyId) {
        return jdbc.sql("SELECT COUNT(*) FROM company_grant WHERE user_id = ? AND company_id = ?")
                .params(userId, companyId).query(Long.class).single() > 0;
    }

    public List<UUID> companiesOf(UUID userId) {
        return jdbc.sql("SELECT g.company_id FROM company_grant g JOIN company c ON c.id = g.company_id"
                        + " WHERE g.user_id = ? ORDER BY c.created_at, c.slug")
                .param(userId).query(UUID.class).list();
    }

    /** A user granted a company, as the company's user list shows them. */
    public record Grant(UUID userId, String email, String name, String role, OffsetDateTime grantedAt) {
    }

    public List<Grant> grantsOf(UUID companyId) {
        return jdbc.sql("SELECT u.id, u.email, u.name, g.role, g.granted_at FROM company_grant g"
                        + " JOIN user_account u ON u.id = g.user_id WHERE g.company_id = ? ORDER BY g.granted_at, u.email")
                .param(companyId)
                .query((rs, n) -> new Grant(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                        rs.getString("role"), rs.getObject("granted_at", OffsetDateTime.class)))
                .list();
    }

    /** Takes the company away from the user; false when it was not theirs. */
    public boolean revoke(UUID userId, UUID companyId) {
        return jdbc.sql("DELETE FROM company_grant WHERE user_id = ? AND company_id = ?").params(userId, companyId)
                .update() > 0;
    }
}
