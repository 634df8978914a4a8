package org.opengateway.mls;

import static org.assertj.core.api.Assertions.assertThat;

import com.helger.peppol.sbdh.EPeppolMLSType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import net.sf.saxon.s9api.Processor;
import org.junit.jupiter.api.Test;
import org.opengateway.document.SafeXml;
import org.opengateway.mls.MlsCodes.ReasonCode;
import org.opengateway.mls.MlsCodes.ResponseCode;
import org.opengateway.mls.MlsDecision.Decision;
import org.opengateway.mls.MlsDecision.Handover;
import org.opengateway.validation.Finding;
import org.opengateway.validation.Severity;
import org.opengateway.validation.ValidationReport;

/** The MLS we build pass the official rules (and a wrong one fails them), and the decision follows the MLS rules. */
class MlsDocumentTest {

    private static final MlsRules RULES = new MlsRules(new Processor(false));
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-27T15:04:05.123+01:00");
    /** The invoice document type, as a received SBDH names it. */
    private static final String INVOICE = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
            + "::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1";

    private static final ValidationReport FAILED = new ValidationReport("peppol-billing-2026.5", List.of(
            new Finding("XSD", Severity.FATAL, "/Invoice[1]/cbc:IssueDate[1]", 7,
                    "cvc-datatype-valid.1.2.1: '2026-13-40' is not a valid value for 'date'."),
            new Finding("BR-CO-15", Severity.FATAL, "/Invoice[1]", 4,
                    "[BR-CO-15]-Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109)"
                            + " + Invoice total VAT amount (BT-110)."),
            new Finding("PEPPOL-EN16931-R001", Severity.WARNING, "/Invoice[1]", 2, "A warning only.")));
    private static final ValidationReport PASSED = new ValidationReport("peppol-billing-2026.5", List.of());

    @Test
    void aRejectionForFailedValidationNamesEachFatalFindingAndPassesTheOfficialRules() {
        Decision decision = MlsDecision.decide(INVOICE, FAILED, Handover.PENDING, null, EPeppolMLSType.FAILURE_ONLY)
                .orElseThrow();
        assertThat(decision.send()).as("a rejection is sent whatever MLS_TYPE says").isTrue();
        assertThat(decision.status().code()).isEqualTo(ResponseCode.RE);
        assertThat(decision.status().issues()).extracting(MlsStatus.Issue::reason)
                .containsExactly(ReasonCode.SV, ReasonCode.BV);

        byte[] mls = MlsXml.write("mls-1", "0242:000002", "0242:000001", "sbdh-of-the-invoice", decision.status(), AT);
        assertThat(RULES.check(mls)).isEmpty();
        String text = new String(mls, StandardCharsets.UTF_8);
        assertThat(text).contains("<cbc:IssueDate>2026-11-27</cbc:IssueDate>", "<cbc:IssueTime>14:04:05Z</cbc:IssueTime>",
                "<cbc:EndpointID schemeID=\"0242\">000002</cbc:EndpointID>", "<cbc:ResponseCode>RE</cbc:ResponseCode>",
                "<cbc:LineID>/Invoice[1]/cbc:IssueDate[1]</cbc:LineID>", "<cbc:StatusReasonCode>BV</cbc:StatusReasonCode>");

        MlsXml.Read read = MlsXml.read(new SafeXml().parse(mls));
        assertThat(read.referencedSbdhId()).isEqualTo("sbdh-of-the-invoice");
        assertThat(read.sender()).isEqualTo("0242:000002");
        assertThat(read.status()).isEqualTo(decision.status());
        assertThat(read.status().inWords()).startsWith("rejected by the receiver's access point: fails the syntax")
                .contains("breaks a business rule - [BR-CO-15]");
    }

    @Test
    void acknowledgedAcceptedAndFailureOfDeliveryPassTheOfficialRulesToo() {
        for (MlsStatus status : List.of(MlsStatus.positive(ResponseCode.AB), MlsStatus.positive(ResponseCode.AP),
                MlsDecision.decide(INVOICE, PASSED, Handover.FAILED, "The disk is full.", null).orElseThrow()
                        .status())) {
            byte[] mls = MlsXml.write("mls-" + status.code(), "0242:000002", "0242:000001", "sbdh-1", status, AT);
            assertThat(RULES.check(mls)).as(status.toString()).isEmpty();
        }
    }

    @Test
    void aWrongMlsFailsTheOfficialRulesWithTheirIds() {
        MlsStatus rejectionWithoutIssues = new MlsStatus(ResponseCode.RE, List.of());
        byte[] mls = MlsXml.write("mls-2", "0007:5567321707", "0242:000001", "sbdh-1", rejectionWithoutIssues, AT);
        assertThat(RULES.check(mls)).extracting(Finding::rule)
                .contains("SCH-MLS-09", "SCH-MLS-23", "SCH-MLS-24");

        byte[] notUbl = new String(MlsXml.write("mls-3", "0242:000002", "0242:000001", "sbdh-1",
                MlsStatus.positive(ResponseCode.AB), AT), StandardCharsets.UTF_8)
                .replace("<cac:DocumentResponse>", "<cac:DocumentResponse><cbc:Note>x</cbc:Note>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RULES.check(notUbl)).extracting(Finding::rule).contains("XSD");
    }

    @Test
    void failureOnlySuppressesPositiveStatusesAndAnAbsentTypeMeansAlwaysSend() {
        assertThat(MlsDecision.decide(INVOICE, PASSED, Handover.HANDED_OVER, null, EPeppolMLSType.FAILURE_ONLY))
                .hasValueSatisfying(decision -> {
                    assertThat(decision.status().code()).isEqualTo(ResponseCode.AB);
                    assertThat(decision.send()).isFalse();
                });
        assertThat(MlsDecision.decide(INVOICE, PASSED, Handover.CONFIRMED, null, EPeppolMLSType.ALWAYS_SEND))
                .hasValueSatisfying(decision -> {
                    assertThat(decision.status().code()).isEqualTo(ResponseCode.AP);
                    assertThat(decision.send()).isTrue();
                });
        assertThat(MlsDecision.decide(INVOICE, PASSED, Handover.HANDED_OVER, null, null).orElseThrow().send())
                .isTrue();
        assertThat(MlsDecision.decide(INVOICE, PASSED, Handover.PENDING, null, null)).as("nothing to say yet")
                .isEmpty();
    }

    @Test
    void anMlsIsNeverAnsweredWithAnMls() {
        assertThat(MlsDecision.decide("busdox-docid-qns::" + MlsCodes.DOCUMENT_TYPE, FAILED, Handover.FAILED, "x",
                EPeppolMLSType.ALWAYS_SEND)).isEmpty();
    }
}
