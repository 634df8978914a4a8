package org.opengateway.mls;

import java.util.List;
import java.util.stream.Collectors;
import org.opengateway.mls.MlsCodes.ReasonCode;
import org.opengateway.mls.MlsCodes.ResponseCode;

/**
 * What a receiving access point says of one business document: the response code and, for a rejection, the issues.
 *
 * @param code AP, AB or RE
 * @param issues for RE at least one failure; none for a positive status
 */
public record MlsStatus(ResponseCode code, List<Issue> issues) {

    /** One issue: where in the document (an XPath, or {@code NA}), why (the reason code), and the text. */
    public record Issue(ReasonCode reason, String location, String description) {
    }

    public MlsStatus {
        issues = List.copyOf(issues);
    }

    public static MlsStatus positive(ResponseCode code) {
        return new MlsStatus(code, List.of());
    }

    /** The status and its reasons in words, for an invoice's history. */
    public String inWords() {
        if (issues.isEmpty()) {
            return code.words() + ".";
        }
        return code.words() + ": " + issues.stream()
                .map(issue -> (issue.reason() == null ? "" : issue.reason().words() + " - ") + issue.description()
                        + ("NA".equals(issue.location()) || issue.location() == null ? "" : " (at " + issue.location()
                                + ")"))
                .collect(Collectors.joining("; ")) + ".";
    }
}
