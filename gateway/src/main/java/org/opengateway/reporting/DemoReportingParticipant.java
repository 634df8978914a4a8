package org.opengateway.reporting;

import java.util.List;
import org.opengateway.company.CompanyDirectory;
import org.opengateway.company.DemoCompanies;
import org.opengateway.config.GatewayFolders;
import org.opengateway.config.GatewayProperties;
import org.opengateway.config.NetworkMode;
import org.opengateway.directory.AcceptedDocumentType;
import org.opengateway.directory.AcceptedDocumentTypes;
import org.opengateway.document.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * In the local network, the gateway itself plays OpenPeppol's reporting participant: a company of its own that
 * receives the two reports, published in our SMP. So the reports travel the whole way (SMP lookup, AS4, receipt) on
 * one machine, and land in that company's received documents and outbox folder.
 */
@Component
public class DemoReportingParticipant implements InitializingBean {

    static final String SLUG = "peppol-reporting-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoReportingParticipant.class);

    private final CompanyDirectory companies;
    private final AcceptedDocumentTypes accepted;
    private final GatewayFolders folders;
    private final boolean local;
    private final ParticipantId receiver;

    /** Takes the demo companies so that they are made first (they are made only in an installation without any). */
    public DemoReportingParticipant(CompanyDirectory companies, AcceptedDocumentTypes accepted, GatewayFolders folders,
            GatewayProperties properties, ReportingProperties settings, DemoCompanies madeFirst) {
        this.companies = companies;
        this.accepted = accepted;
        this.folders = folders;
        this.local = properties.network() == NetworkMode.LOCAL && settings.enabled();
        this.receiver = ParticipantId.parse(settings.receiver());
    }

    @Override
    public void afterPropertiesSet() {
        if (!local) {
            return;
        }
        try {
            if (companies.findByParticipant(receiver).isEmpty()) {
                companies.register(SLUG, "Peppol reporting (demo of OpenPeppol's reporting participant)",
                        receiver.value(), List.of(receiver));
                log.info("Local network: the company '{}' receives the monthly Peppol reports as {}", SLUG, receiver);
            }
            for (ReportKind kind : ReportKind.values()) {
                accepted.add(AcceptedDocumentType.of(receiver, kind.documentTypeId(), ReportKind.PROCESS));
            }
        } catch (DuplicateKeyException anotherNodeFirst) {
            // another node set it up at the same moment
        }
        folders.prepare(SLUG);
    }
}
