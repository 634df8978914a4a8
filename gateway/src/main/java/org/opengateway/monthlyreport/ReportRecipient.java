package org.opengateway.monthlyreport;

import java.util.List;
import java.util.UUID;
import org.opengateway.account.Language;

/** Who gets a company's monthly report by mail. */
public interface ReportRecipient {

    /** The addresses to mail the company's report to, each with the language of its mail; empty when none. */
    List<Address> addressesFor(UUID companyId);

    record Address(String email, Language language) {
    }
}
