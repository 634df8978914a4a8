package org.opengateway.receiving;

import org.opengateway.company.Company;

/**
 * Which document types a company receives through us. Until the SMP keeps each company's registrations, every company
 * receives Peppol BIS Billing 3.0 invoices and credit notes ({@link BillingDocumentTypes}); then this answers from the
 * SMP's table.
 */
public interface AcceptedDocumentTypes {

    /**
     * @param company the company the receiver participant belongs to
     * @param documentTypeId the document type ID as in the SBDH, URI encoded ("busdox-docid-qns::urn:oasis:...")
     * @param processId the process ID, URI encoded ("cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
     */
    boolean accepts(Company company, String documentTypeId, String processId);
}
