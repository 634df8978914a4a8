package org.opengateway.monthlyreport;

import java.util.List;
import java.util.UUID;
import org.opengateway.account.CompanyGrants;
import org.opengateway.account.Language;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The monthly report goes to the company's administrators (the users granted the company), until companies name a
 * contact for their reports.
 */
@Component
public class AdministratorAddresses implements ReportRecipient {

    private final JdbcClient jdbc;

    public AdministratorAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Address> addressesFor(UUID companyId) {
        return jdbc.sql("SELECT u.email, u.language FROM company_grant g JOIN user_account u ON u.id = g.user_id"
                        + " WHERE g.company_id = ? AND g.role = ? ORDER BY u.email_key")
                .params(companyId, CompanyGrants.ADMINISTRATOR)
                .query((rs, n) -> new Address(rs.getString(1), Language.of(rs.getString(2), "language")))
                .list();
    }
}
