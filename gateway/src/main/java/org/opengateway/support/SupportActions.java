package org.opengateway.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import org.opengateway.account.AuditLog;
import org.opengateway.api.ApiProblem;
import org.opengateway.company.Company;
import org.opengateway.company.CompanyIdentifiers;
import org.opengateway.delivery.Deliveries;
import org.opengateway.delivery.Deliveries.SendingState;
import org.opengateway.document.ParticipantId;
import org.opengateway.intake.IntakeResult;
import org.opengateway.intake.IntakeService;
import org.opengateway.intake.Submission;
import org.opengateway.tracking.Channel;
import org.opengateway.tracking.InvoiceRecord;
import org.opengateway.tracking.InvoiceStatus;
import org.opengateway.tracking.InvoiceStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fixes for an invoice that was not delivered: resend, correct the recipient, replace with a corrected document,
 * cancel. Each runs in one transaction with the invoice's delivery row locked (see
 * {@link Deliveries#lockForChange}), is allowed only when {@link Standing} offers it, is written to the invoice's
 * history with who did it, and, when support staff take it, to the audit trail.
 */
@Service
public class SupportActions {

    private final InvoiceStore invoices;
    private final Deliveries deliveries;
    private final IntakeService intake;
    private final Replacements replacements;
    private final Diagnoses diagnoses;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    public SupportActions(InvoiceStore invoices, Deliveries deliveries, IntakeService intake,
            Replacements replacements, Diagnoses diagnoses, AuditLog audit, TransactionTemplate transactions) {
        this.invoices = invoices;
        this.deliveries = deliveries;
        this.intake = intake;
        this.replacements = replacements;
        this.diagnoses = diagnoses;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Sends it again, as the same AS4 message with the same SBDH, so a receiver that got an earlier attempt keeps one
     * copy. An undelivered invoice gets a fresh window of automatic retries; one waiting for a retry is sent now.
     */
    public InvoiceRecord resend(Company company, UUID invoiceId, Actor actor) {
        return act(company, invoiceId, Fix.RESEND, actor, invoice -> {
            deliveries.sendAgainNow(invoiceId, now());
            move(invoice, InvoiceStatus.RETRY_SCHEDULED, "Resent by " + actor.name() + ": the next attempt is due now."
                    + " It is the same AS4 message as before, so the recipient gets the invoice once.");
            return "Resent invoice " + invoiceId + " (" + invoice.invoiceNumber() + ")";
        });
    }

    /**
     * Sends it to a corrected Peppol address from now on. The new receiver gets new message identifiers: the old
     * ones may have reached the old receiver's access point, which may also serve the new receiver and would then drop
     * the message as a repeat. Every attempt to the new receiver reuses the new identifiers, so it too gets it once.
     */
    public InvoiceRecord correctRecipient(Company company, UUID invoiceId, String participant, Actor actor) {
        ParticipantId corrected = participant(participant);
        return act(company, invoiceId, Fix.CORRECT_RECIPIENT, actor, invoice -> {
            if (corrected.toString().equals(invoice.receiverParticipant())) {
                throw ApiProblem.badRequest("The field 'participant' is " + corrected + ", the recipient the invoice"
                        + " already has. Give the corrected Peppol address, or resend it as it is with POST "
                        + Fix.RESEND.path(company.id(), invoiceId) + ".");
            }
            invoices.changeReceiver(invoiceId, corrected.toString());
            deliveries.newReceiver(invoiceId);
            deliveries.sendAgainNow(invoiceId, now());
            move(invoice, InvoiceStatus.RETRY_SCHEDULED, "Recipient corrected by " + actor.name() + " from "
                    + invoice.receiverParticipant() + " to " + corrected + "; the next attempt, to " + corrected
                    + ", is due now.");
            return "Corrected the recipient of invoice " + invoiceId + " (" + invoice.invoiceNumber() + ") from "
                    + invoice.receiverParticipant() + " to " + corrected;
        });
    }

    /**
     * Takes a corrected document through the normal intake as a new invoice. Only when it is accepted does it replace
     * the old one (REPLACED, never sent again, both linked); a corrected document that is rejected is kept as its own
     * rejected invoice and the old one stays as it was, so the company can correct again.
     */
    public IntakeResult replace(Company company, UUID invoiceId, byte[] document, Actor actor) {
        IntakeResult[] outcome = new IntakeResult[1];
        act(company, invoiceId, Fix.UPLOAD_CORRECTED, actor, invoice -> {
            IntakeResult result = intake.submit(new Submission(Channel.API, company, document, null));
            outcome[0] = result;
            if (result.duplicate()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Same document as before", "The corrected document is byte"
                        + " for byte the document of invoice " + result.id() + ", so nothing was corrected. Change what"
                        + " was wrong (and the invoice number, if the recipient needs a new one) and upload it again.");
            }
            if (!result.accepted()) {
                return null; // kept as a rejected invoice of its own; the old one is unchanged
            }
            deliveries.stop(invoiceId);
            move(invoice, InvoiceStatus.REPLACED, "Replaced by the corrected invoice " + result.id() + " ("
                    + result.invoiceNumber() + "), uploaded by " + actor.name() + ". This one is never sent.");
            replacements.record(invoiceId, result.id(), actor, now());
            return "Replaced invoice " + invoiceId + " (" + invoice.invoiceNumber() + ") by " + result.id();
        });
        return outcome[0];
    }

    /** Cancels it for good: it is never sent, and the claim of a sending node skips it from now on. */
    public InvoiceRecord cancel(Company company, UUID invoiceId, String reason, Actor actor) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("The field 'reason' is missing: say in a few words why the invoice is"
                    + " cancelled, for instance {\"reason\": \"Sent to the wrong customer\"}.");
        }
        return act(company, invoiceId, Fix.CANCEL, actor, invoice -> {
            deliveries.stop(invoiceId);
            move(invoice, InvoiceStatus.CANCELLED, "Cancelled by " + actor.name() + ": " + reason.trim());
            return "Cancelled invoice " + invoiceId + " (" + invoice.invoiceNumber() + "): " + reason.trim();
        });
    }

    /**
     * Runs {@code action} on the invoice with its delivery row locked, if its state allows {@code fix}; the action
     * answers what the audit trail says (null for nothing done). Answers the invoice as it is afterwards.
     */
    private InvoiceRecord act(Company company, UUID invoiceId, Fix fix, Actor actor,
            Function<InvoiceRecord, String> action) {
        return transactions.execute(tx -> {
            invoices.record(company.id(), invoiceId).orElseThrow(() -> notFound(invoiceId));
            SendingState sending = deliveries.lockForChange(invoiceId).orElse(null);
            InvoiceRecord invoice = invoices.record(company.id(), invoiceId).orElseThrow();
            Standing standing = Standing.of(invoice.status(), sending);
            if (!standing.allows(fix)) {
                throw diagnoses.refused(standing, invoice, actor.language());
            }
            String done = action.apply(invoice);
            if (done != null && actor.support()) {
                audit.record(actor.user(), done, company.id());
            }
            return invoices.record(company.id(), invoiceId).orElseThrow();
        });
    }

    private void move(InvoiceRecord invoice, InvoiceStatus to, String reason) {
        if (!invoices.changeStatus(invoice.id(), invoice.status(), to, reason)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Changed meanwhile", "The invoice changed while this was being"
                    + " done (it is no longer " + invoice.status() + "). Look at it again and choose again.");
        }
    }

    private static ParticipantId participant(String text) {
        try {
            return CompanyIdentifiers.participant(text, "participant");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    private static ApiProblem notFound(UUID invoiceId) {
        return ApiProblem.notFound("This company has no invoice with the id " + invoiceId + ".");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
