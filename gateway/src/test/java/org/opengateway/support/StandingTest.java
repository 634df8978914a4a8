package org.opengateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opengateway.support.Fix.CANCEL;
import static org.opengateway.support.Fix.CORRECT_RECIPIENT;
import static org.opengateway.support.Fix.RESEND;
import static org.opengateway.support.Fix.UPLOAD_CORRECTED;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.opengateway.account.Language;
import org.opengateway.delivery.Deliveries.SendingState;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.transport.as4.SendOutcome.FailureKind;

class StandingTest {

    private final SupportTexts texts = new SupportTexts();

    @Test
    void anUndeliveredInvoiceGetsTheReasonOfItsLastFailureAndTheFixesThatMakeSense() {
        assertThat(undelivered(FailureKind.RECIPIENT_NOT_REGISTERED).fixes())
                .containsExactly(CORRECT_RECIPIENT, RESEND, UPLOAD_CORRECTED, CANCEL);
        assertThat(undelivered(FailureKind.DOCUMENT_TYPE_NOT_ACCEPTED).reason())
                .isEqualTo(NotDeliveredReason.DOCUMENT_TYPE_NOT_ACCEPTED);
        for (FailureKind away : new FailureKind[] {FailureKind.UNREACHABLE, FailureKind.LOOKUP_FAILED,
                FailureKind.RECEIVER_BUSY, FailureKind.CERTIFICATE_NOT_TRUSTED}) {
            assertThat(undelivered(away).reason()).isEqualTo(NotDeliveredReason.ACCESS_POINT_UNREACHABLE);
            assertThat(undelivered(away).fixes()).containsExactly(RESEND, CANCEL);
        }
        assertThat(undelivered(FailureKind.REJECTED_BY_RECEIVER).fixes())
                .containsExactly(UPLOAD_CORRECTED, RESEND, CANCEL);
        assertThat(undelivered(FailureKind.CANNOT_BUILD_MESSAGE).reason())
                .isEqualTo(NotDeliveredReason.NOT_SENT_BY_GATEWAY);
        assertThat(undelivered(null).reason()).isEqualTo(NotDeliveredReason.UNKNOWN);
    }

    @Test
    void aRejectedInvoiceCanOnlyBeCorrectedOrCancelled() {
        Standing rejected = Standing.of(InvoiceStatus.REJECTED, null);
        assertThat(rejected.reason()).isEqualTo(NotDeliveredReason.REJECTED_BY_VALIDATION);
        assertThat(rejected.fixes()).containsExactly(UPLOAD_CORRECTED, CANCEL);
    }

    @Test
    void nothingIsDoneWhileAnAttemptHoldsTheInvoiceNorAfterItIsDone() {
        SendingState held = new SendingState(true, false, FailureKind.UNREACHABLE);
        assertThat(Standing.of(InvoiceStatus.RETRY_SCHEDULED, held).fixes()).isEmpty();
        assertThat(Standing.of(InvoiceStatus.ACCEPTED, held).fixes()).isEmpty();
        SendingState waiting = new SendingState(false, false, FailureKind.UNREACHABLE);
        assertThat(Standing.of(InvoiceStatus.RETRY_SCHEDULED, waiting).fixes()).containsExactly(RESEND, CANCEL);
        assertThat(Standing.of(InvoiceStatus.ACCEPTED, waiting).fixes()).containsExactly(CANCEL);
        for (InvoiceStatus done : new InvoiceStatus[] {InvoiceStatus.SENDING, InvoiceStatus.DELIVERED,
                InvoiceStatus.REPLACED, InvoiceStatus.CANCELLED}) {
            assertThat(Standing.of(done, waiting).fixes()).as(done.name()).isEmpty();
            assertThat(Standing.of(done, waiting).reason()).isNull();
        }
    }

    @Test
    void everyFixLeadsToAStateTheInvoiceMayMoveTo() {
        for (InvoiceStatus status : InvoiceStatus.values()) {
            Standing standing = Standing.of(status, new SendingState(false, false, null));
            if (standing.allows(CANCEL)) {
                assertThat(status.canMoveTo(InvoiceStatus.CANCELLED)).as(status.name()).isTrue();
            }
            if (standing.allows(UPLOAD_CORRECTED)) {
                assertThat(status.canMoveTo(InvoiceStatus.REPLACED)).as(status.name()).isTrue();
            }
            if (standing.allows(RESEND) || standing.allows(CORRECT_RECIPIENT)) {
                assertThat(status.canMoveTo(InvoiceStatus.RETRY_SCHEDULED)).as(status.name()).isTrue();
            }
        }
    }

    @Test
    void everyReasonAndFixIsWordedInEveryLanguage() {
        for (Language language : Language.values()) {
            for (NotDeliveredReason reason : NotDeliveredReason.values()) {
                assertThat(texts.text(language, reason.textKey(), "0007:5567321707")).isNotBlank()
                        .doesNotContain("{0}").doesNotContain("''");
            }
            assertThat(texts.text(language, NotDeliveredReason.RECIPIENT_NOT_REGISTERED.textKey(), "0007:5567321707"))
                    .as("names the recipient").contains("0007:5567321707");
            Arrays.stream(Fix.values()).forEach(fix -> assertThat(texts.text(language, fix.textKey())).isNotBlank());
        }
        assertThat(texts.text(Language.SV, "fix.cancel")).isEqualTo("Makulera");
        assertThat(texts.text(Language.FI, "fix.cancel")).isEqualTo("Peru");
        assertThat(texts.text(Language.IS, "state.other", "SENDING")).isEqualTo("Staða reikningsins er SENDING.");
    }

    /** A text missing in a language would silently show in English: every language must have every key. */
    @Test
    void everyLanguageHasEveryTextOfTheEnglishOne() throws IOException {
        Properties english = bundle("messages.properties");
        for (Language language : Language.values()) {
            if (language != Language.EN) {
                assertThat(bundle("messages_" + language.code() + ".properties").stringPropertyNames())
                        .as(language.code()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            }
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = StandingTest.class.getResourceAsStream("/support/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Standing undelivered(FailureKind kind) {
        return Standing.of(InvoiceStatus.UNDELIVERED, new SendingState(false, true, kind));
    }
}
