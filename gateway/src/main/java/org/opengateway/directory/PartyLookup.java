package org.opengateway.directory;

import com.helger.peppolid.IDocumentTypeIdentifier;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.peppolid.factory.PeppolIdentifierFactory;
import com.helger.peppolid.peppol.PeppolIdentifierHelper;
import com.helger.smpclient.exception.SMPClientException;
import com.helger.smpclient.exception.SMPClientNotFoundException;
import com.helger.smpclient.peppol.SMPClientReadOnly;
import com.helger.smpclient.url.SMPDNSResolutionException;
import com.helger.xsds.peppol.smp1.EndpointType;
import com.helger.xsds.peppol.smp1.ProcessType;
import com.helger.xsds.peppol.smp1.ServiceGroupType;
import com.helger.xsds.peppol.smp1.ServiceInformationType;
import com.helger.xsds.peppol.smp1.SignedServiceMetadataType;
import java.net.ConnectException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.opengateway.document.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether and how a party can receive: on this gateway (a company of ours registered as a recipient), elsewhere in
 * Peppol (its SMP, found through the SML or the configured SMP, lists document types and endpoints), or not at all.
 * The SMP's answers are cached (see {@link PartyLookupCache}); failed lookups are not.
 */
public class PartyLookup {

    private static final Logger log = LoggerFactory.getLogger(PartyLookup.class);
    private static final PeppolIdentifierFactory IDS = PeppolIdentifierFactory.INSTANCE;
    private static final String AS4 = "peppol-transport-as4-v2_0";
    /** Enough for any real participant; an SMP listing more is not read further. */
    private static final int MOST_DOCUMENT_TYPES = 50;

    /**
     * Where to ask about parties that are not ours.
     *
     * @param locator the SMP of a participant
     * @param trustStore the CAs of SMP certificates
     * @param timeout for each SMP call
     * @param localSml in the local network, the SML our SMP registers in; empty when the SML is the DNS, or a fixed
     *        SMP is asked
     */
    public record Network(SmpLocator locator, KeyStore trustStore, Duration timeout, Optional<LocalSml> localSml) {
    }

    private final JdbcClient jdbc;
    private final AcceptedDocumentTypes accepted;
    private final Supplier<String> ourAs4Endpoint;
    private final Network network;
    private final PartyLookupCache cache;

    public PartyLookup(JdbcClient jdbc, AcceptedDocumentTypes accepted, Supplier<String> ourAs4Endpoint,
            Network network, PartyLookupCache cache) {
        this.jdbc = jdbc;
        this.accepted = accepted;
        this.ourAs4Endpoint = ourAs4Endpoint;
        this.network = network;
        this.cache = cache;
    }

    /**
     * How the participant can receive. What our own database knows (our companies, the local SML) is read fresh each
     * time; what an SMP or the SML's DNS said comes from the cache when it was asked within the cache time.
     */
    public PartyAnswer find(ParticipantId participant) {
        Optional<PartyAnswer> local = askOurselves(participant);
        if (local.isPresent()) {
            return local.get();
        }
        Optional<PartyAnswer> cached = cache.get(participant);
        if (cached.isPresent()) {
            return cached.get();
        }
        PartyAnswer answer = askSmp(participant);
        cache.put(participant, answer);
        return answer;
    }

    private Optional<PartyAnswer> askOurselves(ParticipantId participant) {
        Optional<String> ours = jdbc.sql("SELECT c.name FROM recipient_participant r JOIN company c ON c.id = r.company_id"
                        + " WHERE r.participant = ?")
                .param(participant.toString()).query(String.class).optional();
        if (ours.isPresent()) {
            List<PartyAnswer.Service> services = accepted.list(participant).stream()
                    .map(row -> new PartyAnswer.Service(row.documentTypeScheme() + "::" + row.documentType(),
                            row.processScheme() + "::" + row.process(), ourAs4Endpoint.get(), AS4))
                    .toList();
            return Optional.of(answer(participant, PartyAnswer.Reach.THIS_GATEWAY, ours.get(), services,
                    ours.get() + " receives on this gateway."));
        }
        if (network.localSml().isPresent() && !network.localSml().get().isRegistered(participant)) {
            return Optional.of(answer(participant, PartyAnswer.Reach.NOT_REGISTERED, null, List.of(), "No SMP of the"
                    + " local network knows " + participant + ": it cannot receive over Peppol. Send it another way,"
                    + " e.g. by e-mail."));
        }
        return Optional.empty();
    }

    private PartyAnswer askSmp(ParticipantId participant) {
        IParticipantIdentifier id = IDS.createParticipantIdentifier(
                PeppolIdentifierHelper.PARTICIPANT_SCHEME_ISO6523_ACTORID_UPIS, participant.toString());
        if (id == null) {
            return answer(participant, PartyAnswer.Reach.NOT_REGISTERED, null, List.of(),
                    participant + " is not a valid Peppol participant ID.");
        }
        SMPClientReadOnly client;
        try {
            client = network.locator().clientFor(id);
        } catch (SMPDNSResolutionException e) {
            return answer(participant, PartyAnswer.Reach.NOT_REGISTERED, null, List.of(), participant
                    + " is not registered in Peppol: " + network.locator().describe() + " has no entry for it. Send it"
                    + " another way, e.g. by e-mail.");
        }
        RecipientLookup.prepare(client, network.trustStore(), network.timeout());
        String smp = client.getSMPHostURI();
        try {
            ServiceGroupType group;
            try {
                group = client.getServiceGroup(id);
            } catch (SMPClientNotFoundException e) {
                // the SMP client reports a refused connection as "not found" too
                if (RecipientLookup.cause(e, ConnectException.class)) {
                    throw e;
                }
                return answer(participant, PartyAnswer.Reach.NOT_REGISTERED, null, List.of(), participant
                        + " is not registered in Peppol: its SMP " + smp + " does not know it.");
            }
            List<PartyAnswer.Service> services = new ArrayList<>();
            List<IDocumentTypeIdentifier> types = SMPClientReadOnly.getAllDocumentTypes(group);
            for (IDocumentTypeIdentifier type : types.subList(0, Math.min(types.size(), MOST_DOCUMENT_TYPES))) {
                SignedServiceMetadataType metadata = client.getServiceMetadataOrNull(id, type, null);
                services.addAll(services(type, metadata));
            }
            if (services.isEmpty()) {
                return answer(participant, PartyAnswer.Reach.NOT_REGISTERED, null, List.of(), participant
                        + " is registered at the SMP " + smp + " but receives no document type there.");
            }
            return answer(participant, PartyAnswer.Reach.PEPPOL, null, services, participant
                    + " receives over Peppol with another access point (SMP " + smp + ").");
        } catch (SMPClientException e) {
            log.warn("Party lookup of {} at {} failed: {}", participant, smp, e.toString());
            return answer(participant, PartyAnswer.Reach.LOOKUP_FAILED, null, List.of(), "Could not ask the SMP "
                    + smp + " about " + participant + " (" + (RecipientLookup.cause(e, ConnectException.class)
                            ? "it could not be reached" : e.getMessage()) + "). This is usually temporary: try"
                    + " again later.");
        }
    }

    private static List<PartyAnswer.Service> services(IDocumentTypeIdentifier type, SignedServiceMetadataType metadata) {
        ServiceInformationType information = metadata == null || metadata.getServiceMetadata() == null ? null
                : metadata.getServiceMetadata().getServiceInformation();
        if (information == null || information.getProcessList() == null) {
            return List.of();
        }
        List<PartyAnswer.Service> services = new ArrayList<>();
        for (ProcessType process : information.getProcessList().getProcess()) {
            if (process.getServiceEndpointList() == null || process.getProcessIdentifier() == null) {
                continue;
            }
            for (EndpointType endpoint : process.getServiceEndpointList().getEndpoint()) {
                services.add(new PartyAnswer.Service(type.getURIEncoded(),
                        process.getProcessIdentifier().getScheme() + "::" + process.getProcessIdentifier().getValue(),
                        SMPClientReadOnly.getEndpointAddress(endpoint), endpoint.getTransportProfile()));
            }
        }
        return services;
    }

    private static PartyAnswer answer(ParticipantId participant, PartyAnswer.Reach reach, String company,
            List<PartyAnswer.Service> services, String reason) {
        return new PartyAnswer(participant.toString(), reach, company, services, reason, Instant.now(), false);
    }

    /** A company of ours whose name contains the text, with its participant IDs registered as recipient. */
    public record OurCompany(UUID id, String name, String orgNumber, List<ParticipantId> participants) {
    }

    /** Our companies whose name contains the text (any case), at most {@code limit}. */
    public List<OurCompany> ourCompaniesNamed(String text, int limit) {
        return jdbc.sql("SELECT id, name, org_number FROM company WHERE LOWER(name) LIKE ? ORDER BY name LIMIT ?")
                .params("%" + likeEscaped(text.trim().toLowerCase()) + "%", limit)
                .query((rs, n) -> new OurCompany(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("org_number"), List.of()))
                .list().stream()
                .map(company -> new OurCompany(company.id(), company.name(), company.orgNumber(),
                        jdbc.sql("SELECT participant FROM recipient_participant WHERE company_id = ? ORDER BY participant")
                                .param(company.id()).query(String.class).list().stream().map(ParticipantId::parse)
                                .toList()))
                .toList();
    }

    /** The text with the wildcards of LIKE taken literally. */
    public static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
