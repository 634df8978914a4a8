package org.opengateway.receiving;

import java.util.Set;
import org.opengateway.company.Company;
import org.springframework.stereotype.Component;

/** For now every company receives Peppol BIS Billing 3.0 invoices and credit notes, and nothing else. */
@Component
public class BillingDocumentTypes implements AcceptedDocumentTypes {

    static final String INVOICE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            + "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    static final String CREDIT_NOTE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
            + "::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";
    static final String BILLING_PROCESS = "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    private static final Set<String> TYPES = Set.of(INVOICE, CREDIT_NOTE);

    @Override
    public boolean accepts(Company company, String documentTypeId, String processId) {
        return TYPES.contains(documentTypeId) && BILLING_PROCESS.equals(processId);
    }
}
