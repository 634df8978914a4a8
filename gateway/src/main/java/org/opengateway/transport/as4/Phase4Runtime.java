package org.opengateway.transport.as4;

import com.helger.jaxb.builder.JAXBBuilderDefaultSettings;
import com.helger.phase4.duplicate.IAS4DuplicateManager;
import com.helger.phase4.mgr.AS4ManagerFactoryInMemory;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.scope.mgr.ScopeManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.DisposableBean;

/**
 * phase4's global state, which lives once per JVM (a given of the library, not ours): its global scope, which holds
 * its managers (P-Modes, profiles, the AS4 message IDs seen). Begun with the application context and ended with it.
 * The managers are phase4's in-memory ones, except the duplicate check: {@link SeenAs4MessageIds}, in the database.
 *
 * <p>phase4's own clean-up job ({@code AS4ServerInitializer}) needs a servlet-style global scope and its own Quartz
 * scheduler; instead our housekeeping calls {@link #forgetMessageIdsOlderThan(Duration)}.
 *
 * <p>phase4 reads and writes every ebMS header, SOAP envelope and signature reference through JAXB marshallers that
 * it makes anew per use, and by default each of them also checks against the XML schema: a new schema validator per
 * use, 5 to 9% of each side's CPU (JFR, {@code ExchangeBenchmark}), for XML that phase4 itself has just written or
 * whose every field it checks after reading. That default is the JVM's (ph-jaxb's), so it is switched off here for
 * all: where the gateway needs a schema it says so (the SBDH of what we receive, {@link PeppolInboundProcessor}; the
 * SMP client; invoices and reports are checked against their schemas by our own validators).
 */
public class Phase4Runtime implements DisposableBean {

    private final boolean ownsScope;

    public Phase4Runtime(SeenAs4MessageIds seenMessageIds) {
        ownsScope = !ScopeManager.isGlobalScopePresent();
        JAXBBuilderDefaultSettings.setDefaultUseSchema(false);
        // the factory is read when phase4 makes its managers, i.e. when its global scope first needs them
        MetaAS4Manager.setFactory(new AS4ManagerFactoryInMemory() {
            @Override
            public IAS4DuplicateManager createDuplicateManager() {
                return seenMessageIds;
            }
        });
        if (ownsScope) {
            ScopeManager.onGlobalBegin("gateway-phase4");
        }
        if (MetaAS4Manager.getIncomingDuplicateMgr() != seenMessageIds) {
            throw new IllegalStateException("phase4 was started in this JVM before the gateway, with a duplicate check"
                    + " of its own; the gateway needs its database-backed one. Start phase4 only through the gateway.");
        }
    }

    /**
     * Lets phase4's duplicate check (our table) forget the AS4 message IDs first seen longer ago than
     * {@code retention}. The received documents themselves stay unique for good.
     *
     * @return how many it forgot
     */
    public int forgetMessageIdsOlderThan(Duration retention) {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        return MetaAS4Manager.getIncomingDuplicateMgr().evictAllItemsBefore(before).size();
    }

    @Override
    public void destroy() {
        if (ownsScope) {
            ScopeManager.onGlobalEnd();
        }
    }
}
