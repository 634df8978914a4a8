package org.opengateway.transport.as4;

import com.helger.phase4.config.AS4Configuration;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.scope.mgr.ScopeManager;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.DisposableBean;

/**
 * phase4's global state, which lives once per JVM (a given of the library, not ours): its global scope, which holds
 * its managers (P-Modes, profiles, the AS4 message IDs seen lately for its duplicate check). Begun with the
 * application context and ended with it.
 *
 * <p>phase4's own clean-up job ({@code AS4ServerInitializer}) needs a servlet-style global scope and its own Quartz
 * scheduler; instead our housekeeping calls {@link #forgetOldMessageIds()}.
 */
public class Phase4Runtime implements DisposableBean {

    private final boolean ownsScope;

    public Phase4Runtime() {
        ownsScope = !ScopeManager.isGlobalScopePresent();
        if (ownsScope) {
            ScopeManager.onGlobalBegin("gateway-phase4");
        }
        MetaAS4Manager.getInstance();
    }

    /**
     * Lets phase4 forget the AS4 message IDs it saw longer ago than {@code phase4.incoming.duplicatedisposal.minutes}
     * (its in-memory duplicate check); the database keeps every received message ID for good.
     *
     * @return how many it forgot
     */
    public int forgetOldMessageIds() {
        OffsetDateTime before = MetaAS4Manager.getTimestampMgr().getCurrentDateTime()
                .minusMinutes(AS4Configuration.getIncomingDuplicateDisposalMinutes());
        return MetaAS4Manager.getIncomingDuplicateMgr().evictAllItemsBefore(before).size();
    }

    @Override
    public void destroy() {
        if (ownsScope) {
            ScopeManager.onGlobalEnd();
        }
    }
}
