package org.opengateway.company;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that says where a mail to a company goes: the address of the matching role, else the GENERAL
 * contact, else the company's first administrator (so that a company registered a minute ago can still be reached).
 */
@Repository
public class ContactAddresses {

    private final JdbcClient jdbc;

    public ContactAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The address a message about {@code role} goes to; empty only when the company has no contact and no administrator. */
    public Optional<String> addressFor(UUID companyId, ContactRole role) {
        Map<ContactRole, String> set = configured(companyId);
        if (set.containsKey(role)) {
            return Optional.of(set.get(role));
        }
        if (set.containsKey(ContactRole.GENERAL)) {
            return Optional.of(set.get(ContactRole.GENERAL));
        }
        return firstAdministrator(companyId);
    }

    /** The addresses set for the company, role by role; roles without their own address are left out. */
    public Map<ContactRole, String> configured(UUID companyId) {
        Map<ContactRole, String> addresses = new EnumMap<>(ContactRole.class);
        jdbc.sql("SELECT role, email FROM company_contact WHERE company_id = ?").param(companyId)
                .query((rs, n) -> addresses.put(ContactRole.valueOf(rs.getString("role")), rs.getString("email")))
                .list();
        return addresses;
    }

    /** Where each role's mail goes today, after the fallbacks; a role is left out when nothing can be reached. */
    public Map<ContactRole, String> effective(UUID companyId) {
        Map<ContactRole, String> effective = new EnumMap<>(ContactRole.class);
        for (ContactRole role : ContactRole.values()) {
            addressFor(companyId, role).ifPresent(address -> effective.put(role, address));
        }
        return effective;
    }

    /** Replaces the company's addresses with {@code addresses} (already checked); a role left out has none of its own. */
    @Transactional
    public void replace(UUID companyId, Map<ContactRole, String> addresses) {
        jdbc.sql("DELETE FROM company_contact WHERE company_id = ?").param(companyId).update();
        addresses.forEach((role, email) -> jdbc.sql("INSERT INTO company_contact (company_id, role, email) VALUES (?, ?, ?)")
                .params(companyId, role.name(), email).update());
    }

    /** Sets one role's address, leaving the others as they are. */
    @Transactional
    public void set(UUID companyId, ContactRole role, String email) {
        jdbc.sql("DELETE FROM company_contact WHERE company_id = ? AND role = ?").params(companyId, role.name()).update();
        jdbc.sql("INSERT INTO company_contact (company_id, role, email) VALUES (?, ?, ?)")
                .params(companyId, role.name(), email).update();
    }

    private Optional<String> firstAdministrator(UUID companyId) {
        return jdbc.sql("SELECT u.email FROM company_grant g JOIN user_account u ON u.id = g.user_id"
                        + " WHERE g.company_id = ? AND g.role = 'administrator' ORDER BY g.granted_at, u.email")
                .param(companyId).query(String.class).list().stream().findFirst();
    }
}
