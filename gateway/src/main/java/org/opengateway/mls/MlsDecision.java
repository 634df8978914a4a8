package org.opengateway.mls;

import com.helger.peppol.sbdh.EPeppolMLSType;
import java.util.List;
import java.util.Optional;
import org.opengateway.mls.MlsCodes.ReasonCode;
import org.opengateway.mls.MlsCodes.ResponseCode;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;

/**
 * The one place that decides, as receiving access point, the status of a received business document:
 * <ul>
 * <li>RE (rejected) when our validation found fatal errors (SV for the schema, BV for a business rule), or when the
 * document could not be handed to the receiver for good (FD);</li>
 * <li>AP (accepted) when the receiver confirmed it has the document;</li>
 * <li>AB (acknowledged) when we handed it to the receiver without its confirmation (written to its outbox folder and
 * queue): the usual case, decided at hand-over, within minutes of receipt.</li>
 * </ul>
 * An MLS is never answered with an MLS. Whether a positive status is sent follows the sender's MLS_TYPE.
 */
public final class MlsDecision {

    /** The most issues one MLS lists; the rest are summed up in the last one. */
    static final int MOST_ISSUES = 50;

    private MlsDecision() {
    }

    /** How handing the document to the receiver went, so far. */
    public enum Handover {
        /** Not yet tried, or not yet succeeded: only a rejection can be decided now. */
        PENDING,
        /** Written to the company's outbox folder and queue; the company has not confirmed it yet. */
        HANDED_OVER,
        /** The company confirmed it has the document. */
        CONFIRMED,
        /** It cannot be handed over: there is no company for it, or every attempt failed for too long. */
        FAILED
    }

    /** The status to answer with, and whether the sender wants it sent. */
    public record Decision(MlsStatus status, boolean send) {
    }

    /**
     * @param documentType the received document type ID
     * @param report our validation of it; null when it is not validated (a Peppol report)
     * @param handover how far handing it over came
     * @param failure what went wrong in handing it over, for {@link Handover#FAILED}
     * @param requested the MLS_TYPE of the received SBDH; null when absent (then every status is sent, the default of
     *     the MLS specification)
     */
    public static Optional<Decision> decide(String documentType, ValidationReport report, Handover handover,
            String failure, EPeppolMLSType requested) {
        if (MlsCodes.isMls(documentType)) {
            return Optional.empty(); // never an MLS about an MLS
        }
        MlsStatus status;
        if (report != null && !report.valid()) {
            status = new MlsStatus(ResponseCode.RE, issues(report.findings()));
        } else if (handover == Handover.FAILED) {
            status = new MlsStatus(ResponseCode.RE, List.of(new MlsStatus.Issue(ReasonCode.FD, MlsXml.NO_LOCATION,
                    failure == null || failure.isBlank() ? "The document could not be delivered to the receiver."
                            : failure)));
        } else if (handover == Handover.CONFIRMED) {
            status = MlsStatus.positive(ResponseCode.AP);
        } else if (handover == Handover.HANDED_OVER) {
            status = MlsStatus.positive(ResponseCode.AB);
        } else {
            return Optional.empty();
        }
        boolean everything = requested == null ? EPeppolMLSType.DEFAULT == EPeppolMLSType.ALWAYS_SEND
                : requested == EPeppolMLSType.ALWAYS_SEND;
        return Optional.of(new Decision(status, !status.code().positive() || everything));
    }

    private static List<MlsStatus.Issue> issues(List<Finding> findings) {
        List<Finding> fatal = findings.stream().filter(finding -> finding.severity() == Severity.FATAL).toList();
        java.util.ArrayList<MlsStatus.Issue> issues = new java.util.ArrayList<>();
        for (Finding finding : fatal.subList(0, Math.min(fatal.size(), MOST_ISSUES))) {
            boolean syntax = "XSD".equals(finding.rule()) || "XML".equals(finding.rule());
            issues.add(new MlsStatus.Issue(syntax ? ReasonCode.SV : ReasonCode.BV, finding.location(),
                    finding.message().startsWith("[") ? finding.message()
                            : "[" + finding.rule() + "] " + finding.message()));
        }
        if (fatal.size() > MOST_ISSUES) {
            issues.add(new MlsStatus.Issue(ReasonCode.BV, MlsXml.NO_LOCATION, (fatal.size() - MOST_ISSUES)
                    + " further fatal findings are not listed."));
        }
        if (issues.isEmpty()) {
            issues.add(new MlsStatus.Issue(ReasonCode.BV, MlsXml.NO_LOCATION, "The document failed validation."));
        }
        return issues;
    }
}
