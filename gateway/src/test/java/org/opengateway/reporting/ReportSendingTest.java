package org.opengateway.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReportSendingTest {

    @Test
    void aReportIsSentAsTheServiceProviderWithTheDigitsOfItsSeatId() {
        assertThat(ReportSender.senderParticipant("PSE000002")).isEqualTo("0242:000002");
        assertThatThrownBy(() -> ReportSender.senderParticipant("gateway-b"))
                .hasMessageContaining("is not a Peppol seat ID");
    }

    @Test
    void failedSendsWaitTwiceAsLongEachTimeUpToTheLongest() {
        Duration first = Duration.ofMinutes(10);
        Duration longest = Duration.ofHours(6);
        assertThat(MonthlyReporting.retryAfter(1, first, longest)).isEqualTo(Duration.ofMinutes(10));
        assertThat(MonthlyReporting.retryAfter(2, first, longest)).isEqualTo(Duration.ofMinutes(20));
        assertThat(MonthlyReporting.retryAfter(6, first, longest)).isEqualTo(Duration.ofMinutes(320));
        assertThat(MonthlyReporting.retryAfter(7, first, longest)).isEqualTo(longest);
        assertThat(MonthlyReporting.retryAfter(50, first, longest)).isEqualTo(longest);
    }

    @Test
    void theReportsThemselvesAreRecognisedAndNotCounted() {
        assertThat(ReportKind.isReport("busdox-docid-qns::" + ReportKind.TSR.documentTypeId())).isTrue();
        assertThat(ReportKind.isReport(ReportKind.EUSR.documentTypeId())).isTrue();
        assertThat(ReportKind.isReport("busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                + "::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"))
                .isFalse();
        assertThat(ReportKind.TSR.documentTypeId()).isEqualTo("urn:fdc:peppol:transaction-statistics-report:1.0"
                + "::TransactionStatisticsReport##urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0"
                + "::1.0");
    }
}
