package org.opengateway.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a verdict, the same for the command line, the validate API and submission answers. */
public final class ValidationJson {

    private ValidationJson() {
    }

    public static Map<String, Object> finding(Finding f) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rule", f.rule());
        view.put("severity", f.severity().label());
        view.put("location", f.location());
        view.put("line", f.line());
        view.put("message", f.message());
        return view;
    }

    public static List<Map<String, Object>> findings(List<Finding> findings) {
        return findings.stream().map(ValidationJson::finding).toList();
    }

    /** {"file"?, "valid", "ruleset", "findings"}; {@code file} is left out when null. */
    public static Map<String, Object> report(String file, ValidationReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (file != null) {
            view.put("file", file);
        }
        view.put("valid", report.valid());
        view.put("ruleset", report.ruleset());
        view.put("findings", findings(report.findings()));
        return view;
    }
}
