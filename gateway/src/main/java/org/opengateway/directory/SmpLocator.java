package org.opengateway.directory;

import com.helger.peppol.sml.ISMLInfo;
import com.helger.peppolid.IParticipantIdentifier;
import com.helger.smpclient.peppol.SMPClientReadOnly;
import com.helger.smpclient.url.PeppolNaptrURLProvider;
import com.helger.smpclient.url.SMPDNSResolutionException;
import java.net.URI;
import java.util.function.Supplier;

/** Which SMP to ask about a participant: one fixed SMP, or the one the SML names in the DNS. */
public sealed interface SmpLocator {

    /** A client for the participant's SMP; throws when the DNS knows no SMP for it. */
    SMPClientReadOnly clientFor(IParticipantIdentifier participant) throws SMPDNSResolutionException;

    /** Says where the lookup went, for messages. */
    String describe();

    /** Always the same SMP (our own in the local network, or one set by gateway.smp.url). */
    record Fixed(Supplier<URI> url) implements SmpLocator {
        @Override
        public SMPClientReadOnly clientFor(IParticipantIdentifier participant) {
            return new SMPClientReadOnly(url.get());
        }

        @Override
        public String describe() {
            return "the SMP at " + url.get();
        }
    }

    /** The SMP found through the SML by a DNS (U-NAPTR) lookup, as the Peppol networks do. */
    record Sml(ISMLInfo sml) implements SmpLocator {
        @Override
        public SMPClientReadOnly clientFor(IParticipantIdentifier participant) throws SMPDNSResolutionException {
            return new SMPClientReadOnly(PeppolNaptrURLProvider.INSTANCE, participant, sml);
        }

        @Override
        public String describe() {
            return "the Peppol SML (" + sml.getDNSZone() + ")";
        }
    }
}
