-- The console's lists with many invoices: each page is read from an index in the order of the list, from the sort
-- value of the row next to it (company first, then the sort column, then the id that breaks ties). Written for both
-- H2 (the embedded default) and PostgreSQL.

-- Sorting by state or channel, and narrowing by either (newest first, as the lists open).
CREATE INDEX invoice_company_status_id ON invoice (company_id, status, id);
CREATE INDEX invoice_company_channel_id ON invoice (company_id, channel, id);
CREATE INDEX invoice_company_status_newest ON invoice (company_id, status, received_at DESC, id DESC);
CREATE INDEX invoice_company_channel_newest ON invoice (company_id, channel, received_at DESC, id DESC);
CREATE INDEX received_document_company_status_id ON received_document (company_id, status, id);
CREATE INDEX received_document_company_status_newest
    ON received_document (company_id, status, received_at DESC, id DESC);

-- Replaced by the indexes above and by those of V15, which begin with the same columns: one index less to write
-- for every invoice.
DROP INDEX invoice_company_received;
DROP INDEX invoice_company_status;
DROP INDEX received_document_company;
