package org.opengateway.company;

import java.util.List;
import java.util.UUID;
import org.opengateway.document.ParticipantId;

/** A company the gateway sends for; {@code slug} names its folders. */
public record Company(UUID id, String slug, String name, String orgNumber, List<ParticipantId> participants) {

    public boolean sendsAs(ParticipantId participant) {
        return participant != null && participants.contains(participant);
    }
}
