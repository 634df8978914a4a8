package org.opengateway.monthlyreport;

import java.util.List;
import java.util.UUID;
import org.opengateway.account.Language;
import org.opengateway.company.CompanyProfiles;
import org.opengateway.company.ContactAddresses;
import org.opengateway.company.ContactRole;
import org.springframework.stereotype.Component;

/**
 * The monthly report goes to the company's reports contact (or, without one, where {@link ContactAddresses} sends
 * the company's mail: the general contact, then the first administrator), in the company's language.
 */
@Component
public class ReportsContact implements ReportRecipient {

    private final ContactAddresses contacts;
    private final CompanyProfiles profiles;

    public ReportsContact(ContactAddresses contacts, CompanyProfiles profiles) {
        this.contacts = contacts;
        this.profiles = profiles;
    }

    @Override
    public List<Address> addressesFor(UUID companyId) {
        return contacts.addressFor(companyId, ContactRole.REPORTS)
                .map(email -> List.of(new Address(email,
                        Language.of(profiles.profile(companyId).language(), "language"))))
                .orElse(List.of());
    }
}
