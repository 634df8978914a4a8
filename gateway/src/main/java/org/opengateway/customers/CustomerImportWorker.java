package org.opengateway.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opengateway.config.NodeIdentity;
import org.opengateway.directory.DirectorySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports uploaded customer registers in the background, on whichever node claims them: each row is checked and
 * looked up, and stored with the progress a batch at a time.
 */
@Component
public class CustomerImportWorker {

    private static final Logger log = LoggerFactory.getLogger(CustomerImportWorker.class);
    private static final int BATCH = 250;

    private final CustomerImports imports;
    private final CustomerCheck check;
    private final NodeIdentity node;
    private final DirectorySettings settings;

    public CustomerImportWorker(CustomerImports imports, CustomerCheck check, NodeIdentity node,
            DirectorySettings settings) {
        this.imports = imports;
        this.check = check;
        this.node = node;
        this.settings = settings;
    }

    /** Imports every waiting register, one after the other; several nodes may run this at once. */
    public void runDue() {
        for (Optional<CustomerImports.Claim> claim = claim(); claim.isPresent(); claim = claim()) {
            run(claim.get());
        }
    }

    private Optional<CustomerImports.Claim> claim() {
        return imports.claim(node.name(), settings.importLease());
    }

    private void run(CustomerImports.Claim claim) {
        List<CustomerRow> rows;
        try {
            rows = RegisterFile.read(claim.content(), claim.kind());
        } catch (RegisterFile.Unreadable e) {
            imports.finish(claim.id(), node.name(), CustomerImports.Status.FAILED, e.getMessage());
            log.info("Customer import {} failed: {}", claim.id(), e.getMessage());
            return;
        }
        long started = System.nanoTime();
        for (int from = claim.rowsDone(); from < rows.size(); from += BATCH) {
            List<CustomerCheck.Outcome> outcomes = new ArrayList<>();
            for (CustomerRow row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                outcomes.add(check.check(row));
            }
            if (!imports.saveBatch(claim, node.name(), settings.importLease(), rows.size(), outcomes)) {
                log.warn("Customer import {} was taken over by another node (the lease ran out); leaving it",
                        claim.id());
                return;
            }
        }
        if (rows.isEmpty()) {
            imports.saveBatch(claim, node.name(), settings.importLease(), 0, List.of());
        }
        imports.finish(claim.id(), node.name(), CustomerImports.Status.DONE, null);
        log.info("Customer import {} done: {} rows in {} ms", claim.id(), rows.size(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
