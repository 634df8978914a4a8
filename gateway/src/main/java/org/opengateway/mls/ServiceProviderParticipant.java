package org.opengateway.mls;

import java.util.List;
import java.util.Optional;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.company.DemoCompanies;
import org.opengateway.directory.AcceptedDocumentTypes;
import org.opengateway.directory.RecipientRegistry;
import org.opengateway.document.ParticipantId;
import org.opengateway.transport.as4.As4Keys;
import org.opengateway.transport.as4.ServiceProviderId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Registers our service provider ID ({@code 0242:} and the digits of our seat ID) in our SMP (and the SML) for the MLS
 * document type, as the Network Policy asks, so that other access points find where to send their MLS. The ID belongs
 * to a company of its own, {@code peppol-service-provider}, which receives nothing else.
 */
@Component
public class ServiceProviderParticipant implements InitializingBean {

    static final String SLUG = "peppol-service-provider";
    private static final Logger log = LoggerFactory.getLogger(ServiceProviderParticipant.class);

    private final CompanyDirectory companies;
    private final AcceptedDocumentTypes accepted;
    private final RecipientRegistry registry;
    private final MlsProperties settings;
    private final String seatId;

    /** Takes the demo companies so that they are made first (they are made only in an installation without any). */
    public ServiceProviderParticipant(CompanyDirectory companies, AcceptedDocumentTypes accepted,
            RecipientRegistry registry, MlsProperties settings, As4Keys keys, DemoCompanies madeFirst) {
        this.companies = companies;
        this.accepted = accepted;
        this.registry = registry;
        this.settings = settings;
        this.seatId = keys.seatId();
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.enabled() || !ServiceProviderId.isSeatId(seatId)) {
            return;
        }
        ParticipantId participant = ParticipantId.parse(ServiceProviderId.of(seatId));
        if (accepted.accepts(participant, MlsCodes.DOCUMENT_TYPE, MlsCodes.PROCESS)) {
            return;
        }
        try {
            Optional<Company> company = companies.findByParticipant(participant);
            Company owner = company.isPresent() ? company.get() : companies.register(SLUG,
                    "This access point as Peppol service provider (" + seatId + ")", participant.value(),
                    List.of(participant));
            registry.register(owner, List.of(participant.toString()),
                    List.of(new RecipientRegistry.DocumentType(MlsCodes.DOCUMENT_TYPE, MlsCodes.PROCESS)));
            log.info("Our service provider ID {} receives MLS, registered in our SMP", participant);
        } catch (DuplicateKeyException anotherNodeFirst) {
            // another node set it up at the same moment
        } catch (RuntimeException e) {
            log.warn("Could not register our service provider ID {} for MLS in our SMP and the SML: {}. Other access"
                    + " points cannot send us their MLS until it is; it is tried again at the next start.",
                    participant, e.getMessage());
        }
    }
}
