package org.opengateway.validation;

import java.util.List;

/** The verdict on one document: which rule set judged it, and what it found. */
public record ValidationReport(String ruleset, List<Finding> findings) {

    public ValidationReport {
        findings = List.copyOf(findings);
    }

    public boolean valid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.FATAL);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
