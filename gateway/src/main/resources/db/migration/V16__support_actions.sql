-- Support actions on invoices (resend, correct the recipient, replace, cancel).
-- Written for both H2 (the embedded default) and PostgreSQL.

-- Why an attempt failed, in the terms support uses (RECIPIENT_NOT_REGISTERED, UNREACHABLE, ...), so the reason an
-- invoice was not delivered is read from data rather than from the words of its status reason.
ALTER TABLE delivery_attempt ADD COLUMN failure_kind VARCHAR(40);

-- A corrected document that replaced an invoice: the old one is REPLACED, the new one was accepted as its own invoice.
CREATE TABLE invoice_replacement (
    old_invoice_id  UUID PRIMARY KEY REFERENCES invoice (id),
    new_invoice_id  UUID NOT NULL UNIQUE REFERENCES invoice (id),
    replaced_by     VARCHAR(400) NOT NULL,   -- who uploaded the corrected document
    replaced_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
