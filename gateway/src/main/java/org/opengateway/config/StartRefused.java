package org.opengateway.config;

import java.util.List;

/** The gateway refuses to start with this setup; each reason says in plain words what to configure. */
public class StartRefused extends RuntimeException {

    private final List<String> reasons;

    public StartRefused(String network, List<String> reasons) {
        super("The gateway will not start in " + network + ":\n  - " + String.join("\n  - ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
