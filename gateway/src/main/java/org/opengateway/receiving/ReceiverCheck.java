package org.opengateway.receiving;

import java.util.Optional;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.directory.AcceptedDocumentTypes;
import org.opengateway.document.ParticipantId;
import org.springframework.stereotype.Component;

/**
 * Whether this access point serves the receiver of an incoming document: the receiver must be a participant of one of
 * our companies, registered in our SMP for the document type and process. Otherwise Peppol wants the message refused
 * ({@code PEPPOL:NOT_SERVICED}).
 */
@Component
public class ReceiverCheck {

    /** The company that receives the document, or why we do not serve it. */
    public record Verdict(Company company, String refusal) {
        public boolean served() {
            return company != null;
        }
    }

    private final CompanyDirectory companies;
    private final AcceptedDocumentTypes documentTypes;

    public ReceiverCheck(CompanyDirectory companies, AcceptedDocumentTypes documentTypes) {
        this.companies = companies;
        this.documentTypes = documentTypes;
    }

    /**
     * @param receiver the SBDH receiver, URI encoded ("iso6523-actorid-upis::0007:5564982212")
     * @param documentTypeId the SBDH document type, URI encoded
     * @param processId the SBDH process, URI encoded
     */
    public Verdict check(String receiver, String documentTypeId, String processId) {
        ParticipantId participant;
        try {
            participant = ParticipantId.parse(receiver);
        } catch (IllegalArgumentException e) {
            return new Verdict(null, "The receiver " + receiver + " is not a participant ID this access point knows.");
        }
        Optional<Company> company = companies.findByParticipant(participant);
        if (company.isEmpty()) {
            return new Verdict(null, "The receiver " + receiver + " is not served by this access point.");
        }
        if (!documentTypes.accepts(participant, documentTypeId, processId)) {
            return new Verdict(null, "The receiver " + receiver + " does not receive the document type "
                    + documentTypeId + " in the process " + processId + " through this access point.");
        }
        return new Verdict(company.get(), null);
    }
}
