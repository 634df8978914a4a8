package org.opengateway.support;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.opengateway.account.Language;
import org.opengateway.api.ApiProblem;
import org.opengateway.delivery.Deliveries;
import org.opengateway.delivery.Deliveries.SendingState;
import org.opengateway.tracking.InvoiceDetails;
import org.opengateway.tracking.InvoiceRecord;
import org.opengateway.tracking.InvoiceStore;
import org.opengateway.validation.Finding;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Says in plain words why an invoice was not delivered and what can be done about it. */
@Component
public class Diagnoses {

    private final InvoiceStore invoices;
    private final Deliveries deliveries;
    private final Replacements replacements;
    private final SupportTexts texts;

    public Diagnoses(InvoiceStore invoices, Deliveries deliveries, Replacements replacements, SupportTexts texts) {
        this.invoices = invoices;
        this.deliveries = deliveries;
        this.replacements = replacements;
        this.texts = texts;
    }

    public Optional<Diagnosis> of(UUID companyId, UUID invoiceId, Language language) {
        return invoices.find(companyId, invoiceId).map(details -> diagnose(details, language));
    }

    private Diagnosis diagnose(InvoiceDetails details, Language language) {
        InvoiceRecord invoice = details.invoice();
        // read without locking: an attempt under way shows as SENDING
        Standing standing = Standing.of(invoice.status(),
                new SendingState(false, false, deliveries.lastFailure(invoice.id())));
        List<Diagnosis.FixView> fixes = standing.fixes().stream()
                .map(fix -> new Diagnosis.FixView(fix, texts.text(language, fix.textKey()), "POST",
                        fix.path(invoice.companyId(), invoice.id())))
                .toList();
        List<Finding> findings = standing.reason() == NotDeliveredReason.REJECTED_BY_VALIDATION ? details.findings()
                : List.of();
        return new Diagnosis(invoice.id(), invoice.invoiceNumber(), invoice.status().name(),
                standing.reason() == null ? null : standing.reason().name(), explain(standing, invoice, language),
                invoice.statusReason(), invoice.receiverParticipant(), fixes,
                findings.stream().map(Diagnosis.FindingView::of).toList(),
                replacements.replaces(invoice.id()).orElse(null), replacements.replacedBy(invoice.id()).orElse(null));
    }

    /** Why it stands where it stands, in the language. */
    String explain(Standing standing, InvoiceRecord invoice, Language language) {
        if (standing.reason() != null) {
            return texts.text(language, standing.reason().textKey(), invoice.receiverParticipant());
        }
        return switch (invoice.status()) {
            case ACCEPTED, SENDING, DELIVERED, REPLACED, CANCELLED ->
                    texts.text(language, "state." + invoice.status().name().toLowerCase(Locale.ROOT));
            default -> texts.text(language, "state.other", invoice.status().name());
        };
    }

    /** 409 for an action the invoice's state does not allow, saying why and what can be done instead. */
    ApiProblem refused(Standing standing, InvoiceRecord invoice, Language language) {
        String allowed = standing.fixes().isEmpty() ? texts.text(language, "refused.nothing")
                : standing.fixes().stream().map(fix -> texts.text(language, fix.textKey()) + " (POST "
                        + fix.path(invoice.companyId(), invoice.id()) + ")").collect(Collectors.joining("; "));
        return new ApiProblem(HttpStatus.CONFLICT, "Not possible in this state", texts.text(language, "refused",
                invoice.status().name(), explain(standing, invoice, language), allowed));
    }
}
