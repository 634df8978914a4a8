package org.opengateway.directory;

import org.springframework.stereotype.Component;

/** Placeholder until the SMP branch lands. */
@Component
public class RecipientLookup {
    public LookupResult find(String receiverParticipant, String documentTypeId, String processId) {
        return new LookupResult.NotRegistered("No SMP yet.");
    }
}
