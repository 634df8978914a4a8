-- The console's lists with many invoices: a page is read from an index in the order of the list, starting at the sort
-- value of the row next to it. Each index holds the company first, then the sort column, then the id that breaks ties.
-- Written for both H2 (the embedded default) and PostgreSQL.
--
-- V15 made one index per sort column, ascending (newest first for the time of receipt). H2 reads an index in its own
-- direction only, so each column gets the other direction too; PostgreSQL could read either index backwards and
-- simply has one more to choose from. Sorting by status or channel has its own index, and so has narrowing by either
-- in the order the lists open (by time of receipt, both ways): the lists then name the status or channel in the
-- ORDER BY after the company, which H2 needs to read such an index in order instead of sorting every matching row.
CREATE INDEX invoice_company_oldest ON invoice (company_id, received_at, id);
CREATE INDEX invoice_company_number_desc ON invoice (company_id, invoice_number DESC, id DESC);
CREATE INDEX invoice_company_issue_date_desc ON invoice (company_id, issue_date DESC, id DESC);
CREATE INDEX invoice_company_total_desc ON invoice (company_id, total_amount DESC, id DESC);
CREATE INDEX invoice_company_counterpart_desc ON invoice (company_id, counterpart_name DESC, id DESC);
CREATE INDEX invoice_company_status_id ON invoice (company_id, status, id);
CREATE INDEX invoice_company_status_desc ON invoice (company_id, status DESC, id DESC);
CREATE INDEX invoice_company_channel_id ON invoice (company_id, channel, id);
CREATE INDEX invoice_company_channel_desc ON invoice (company_id, channel DESC, id DESC);
CREATE INDEX invoice_company_status_newest ON invoice (company_id, status, received_at DESC, id DESC);
CREATE INDEX invoice_company_status_oldest ON invoice (company_id, status, received_at, id);
CREATE INDEX invoice_company_channel_newest ON invoice (company_id, channel, received_at DESC, id DESC);
CREATE INDEX invoice_company_channel_oldest ON invoice (company_id, channel, received_at, id);

CREATE INDEX received_document_company_oldest ON received_document (company_id, received_at, id);
CREATE INDEX received_document_company_number_desc ON received_document (company_id, invoice_number DESC, id DESC);
CREATE INDEX received_document_company_issue_date_desc ON received_document (company_id, issue_date DESC, id DESC);
CREATE INDEX received_document_company_total_desc ON received_document (company_id, total_amount DESC, id DESC);
CREATE INDEX received_document_company_counterpart_desc
    ON received_document (company_id, counterpart_name DESC, id DESC);
CREATE INDEX received_document_company_status_id ON received_document (company_id, status, id);
CREATE INDEX received_document_company_status_desc ON received_document (company_id, status DESC, id DESC);
CREATE INDEX received_document_company_status_newest
    ON received_document (company_id, status, received_at DESC, id DESC);
CREATE INDEX received_document_company_status_oldest ON received_document (company_id, status, received_at, id);

-- Replaced by the indexes above, which begin with the same columns: one index less to write for every invoice.
DROP INDEX invoice_company_received;
DROP INDEX invoice_company_status;
DROP INDEX received_document_company;
