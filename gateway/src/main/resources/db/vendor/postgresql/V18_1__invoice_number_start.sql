-- PostgreSQL only (Flyway reads db/vendor/{vendor} besides db/migration): the search by the start of an invoice
-- number (LIKE 'B-12%'). PostgreSQL uses a plain index for LIKE only under the C collation; under any other (such as
-- C.UTF-8 or en_US.UTF-8) it read every row of the table. An index with varchar_pattern_ops serves LIKE 'x%' whatever
-- the collation. H2 reads such a search from the plain index of the number, and does not know this clause.
CREATE INDEX invoice_company_number_start ON invoice (company_id, invoice_number varchar_pattern_ops);
CREATE INDEX received_document_company_number_start
    ON received_document (company_id, invoice_number varchar_pattern_ops);
