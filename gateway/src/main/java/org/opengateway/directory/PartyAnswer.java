package org.opengateway.directory;

import java.time.Instant;
import java.util.List;

/**
 * Whether and how a party can receive over Peppol.
 *
 * @param participant the Peppol participant ID asked about
 * @param reach where it receives, if anywhere
 * @param company the name of our company, when it receives on this gateway
 * @param services what it receives, and where: one entry per document type and process
 * @param reason in plain words
 * @param checkedAt when the SMP (or our own registry) was asked
 * @param cached whether this answer came from the cache
 */
public record PartyAnswer(String participant, Reach reach, String company, List<Service> services, String reason,
        Instant checkedAt, boolean cached) {

    public enum Reach {
        /** One of our companies, registered as a recipient here. */
        THIS_GATEWAY,
        /** Registered in Peppol with another access point. */
        PEPPOL,
        /** Not registered in Peppol, or registered for no document type. */
        NOT_REGISTERED,
        /** The SMP or SML could not be asked now; worth trying again. Never cached. */
        LOOKUP_FAILED
    }

    /** One document type in one process, with the endpoint that receives it. */
    public record Service(String documentType, String process, String endpoint, String transportProfile) {
    }

    public boolean canReceive() {
        return reach == Reach.THIS_GATEWAY || reach == Reach.PEPPOL;
    }

    PartyAnswer fromCache() {
        return new PartyAnswer(participant, reach, company, services, reason, checkedAt, true);
    }
}
