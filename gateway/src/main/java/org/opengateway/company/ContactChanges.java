package org.opengateway.company;

import java.util.Map;
import java.util.Optional;
import org.opengateway.account.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A new set of contact addresses: every role changes at once, except a general address that is already set. The
 * confirmation links of sensitive changes go there, so a new one takes effect only when confirmed from the old one.
 */
@Service
public class ContactChanges {

    private final ContactAddresses contacts;
    private final SensitiveChanges sensitive;
    private final AuditLog audit;

    public ContactChanges(ContactAddresses contacts, SensitiveChanges sensitive, AuditLog audit) {
        this.contacts = contacts;
        this.sensitive = sensitive;
        this.audit = audit;
    }

    /** Saves {@code wanted} (already checked); the change of the general address that waits, if one does. */
    @Transactional
    public Optional<SensitiveChanges.Pending> replace(SettingsAccess.Editor editor, Map<ContactRole, String> wanted) {
        var companyId = editor.company().id();
        Map<ContactRole, String> before = contacts.configured(companyId);
        String oldGeneral = before.get(ContactRole.GENERAL);
        String newGeneral = wanted.get(ContactRole.GENERAL);
        Optional<SensitiveChanges.Pending> pending = Optional.empty();
        if (oldGeneral != null) {
            wanted.put(ContactRole.GENERAL, oldGeneral); // kept until confirmed; leaving it out does not remove it
            if (newGeneral != null && !newGeneral.equalsIgnoreCase(oldGeneral)) {
                pending = Optional.of(sensitive.request(editor, ChangeKind.GENERAL_CONTACT, newGeneral,
                        oldGeneral + " → " + newGeneral));
            }
        }
        if (!wanted.equals(before)) {
            contacts.replace(companyId, wanted);
            audit.record(editor.user(), "changed the contact addresses from " + before + " to " + wanted, companyId);
        }
        return pending;
    }
}
