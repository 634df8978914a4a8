-- PostgreSQL only (Flyway reads db/vendor/{vendor} after db/migration; db/vendor/h2 holds the same version, empty).
-- Needs PostgreSQL 14 or newer (statistics on an expression).

-- The start of an invoice number (LIKE 'B-12%'): PostgreSQL serves LIKE from a plain index only under the C collation;
-- under any other (C.UTF-8, en_US.UTF-8...) it read every row of the table. An index with varchar_pattern_ops serves
-- LIKE 'x%' whatever the collation. H2 reads such a search from the plain index of the number and knows no such clause.
CREATE INDEX invoice_company_number_start ON invoice (company_id, invoice_number varchar_pattern_ops);
CREATE INDEX received_document_company_number_start
    ON received_document (company_id, invoice_number varchar_pattern_ops);

-- A part of a counterpart's name (LOWER(counterpart_name) LIKE '%x%'): without statistics on LOWER(counterpart_name)
-- PostgreSQL guessed that 10 rows of 100,000 match and read the whole table, then sorted (about 100 ms). Knowing that
-- a common name matches thousands, it reads the list's order index (which holds the name, see V18) and stops after a
-- page of matches (under 1 ms). Statistics cost nothing when a row is written; ANALYZE (autovacuum) keeps them.
CREATE STATISTICS invoice_counterpart_name_lower ON (LOWER(counterpart_name)) FROM invoice;
CREATE STATISTICS received_document_counterpart_name_lower ON (LOWER(counterpart_name)) FROM received_document;
