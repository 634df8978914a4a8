package org.opengateway.directory;

import org.opengateway.company.CompanyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, gives each company that receives nothing yet (the demo companies on the first start, companies made
 * before our SMP existed) the Peppol BIS Billing 3.0 invoice and credit note, so that it can be sent to at once.
 * Runs after every bean is made (so after the demo companies) and before the web server takes requests.
 */
@Component
class DefaultDocumentTypes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DefaultDocumentTypes.class);

    private final CompanyDirectory companies;
    private final AcceptedDocumentTypes accepted;

    DefaultDocumentTypes(CompanyDirectory companies, AcceptedDocumentTypes accepted) {
        this.companies = companies;
        this.accepted = accepted;
    }

    @Override
    public void afterSingletonsInstantiated() {
        companies.all().stream()
                .filter(company -> !company.participants().isEmpty() && !accepted.receivesAnything(company))
                .forEach(company -> {
                    accepted.acceptBillingDefaults(company);
                    log.info("Company '{}' now receives Peppol BIS Billing 3.0 invoices and credit notes at {}",
                            company.slug(), company.participants());
                });
    }
}
