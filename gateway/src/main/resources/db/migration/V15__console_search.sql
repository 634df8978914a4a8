-- The support console: the counterpart's name on every invoice (to search and sort by), indexes for the searches
-- and sorts of the invoice lists, and each user's remembered choices (such as the columns of a list).
-- Written for both H2 (the embedded default) and PostgreSQL.

-- The other party's name as the document gives it: the buyer of a sent invoice, the seller of a received one.
-- NULL for documents stored before this migration or that name no party.
ALTER TABLE invoice ADD COLUMN counterpart_name VARCHAR(200);
ALTER TABLE received_document ADD COLUMN counterpart_name VARCHAR(200);

-- Each list search is one company's rows narrowed and sorted by one of these; the company comes first and the id
-- last, as the lists break ties by id, so that a page is read from the index in order instead of sorting every row.
CREATE INDEX invoice_company_newest ON invoice (company_id, received_at DESC, id DESC);
CREATE INDEX invoice_company_number ON invoice (company_id, invoice_number, id);
CREATE INDEX invoice_company_issue_date ON invoice (company_id, issue_date, id);
CREATE INDEX invoice_company_total ON invoice (company_id, total_amount, id);
CREATE INDEX invoice_company_receiver ON invoice (company_id, receiver_participant);
CREATE INDEX invoice_company_counterpart ON invoice (company_id, counterpart_name, id);
CREATE INDEX received_document_company_newest ON received_document (company_id, received_at DESC, id DESC);
CREATE INDEX received_document_company_number ON received_document (company_id, invoice_number, id);
CREATE INDEX received_document_company_issue_date ON received_document (company_id, issue_date, id);
CREATE INDEX received_document_company_total ON received_document (company_id, total_amount, id);
CREATE INDEX received_document_company_counterpart ON received_document (company_id, counterpart_name, id);

-- A user's remembered choices, by name: for instance "columns.sent" holds the columns chosen for the sent list.
CREATE TABLE user_preference (
    user_id  UUID NOT NULL REFERENCES user_account (id),
    name     VARCHAR(100) NOT NULL,
    content  VARCHAR(4000) NOT NULL,
    PRIMARY KEY (user_id, name)
);
