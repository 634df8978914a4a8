-- The console's searches that were slow with 100,000 invoices, as EXPLAIN ANALYZE showed them on H2 and PostgreSQL.
-- Written for both H2 (the embedded default) and PostgreSQL.
--
-- H2 reads a page in the order of an index only when that index holds every column the page's query reads (the id,
-- the sort value and the searched columns); otherwise it takes the company's foreign-key index and sorts all the
-- company's rows (700 ms and more with 100,000 invoices). PostgreSQL reads any of these indexes backwards as well.

-- A part of a counterpart's name: the indexes of the lists' own order (time of receipt, both ways) hold the name too,
-- so that a page reads that index in order and stops after 50 matches, instead of sorting every matching row.
DROP INDEX invoice_company_newest;
DROP INDEX invoice_company_oldest;
CREATE INDEX invoice_company_newest ON invoice (company_id, received_at DESC, id DESC, counterpart_name);
CREATE INDEX invoice_company_oldest ON invoice (company_id, received_at, id, counterpart_name);
DROP INDEX received_document_company_newest;
DROP INDEX received_document_company_oldest;
CREATE INDEX received_document_company_newest
    ON received_document (company_id, received_at DESC, id DESC, counterpart_name);
CREATE INDEX received_document_company_oldest ON received_document (company_id, received_at, id, counterpart_name);

-- A counterpart's participant ID (the console now searches it alone, not "ID or name" as one condition, which no
-- index serves): that counterpart's rows by time of receipt, both ways. The first replaces the index of the receiver
-- alone; received documents had none for the sender.
DROP INDEX invoice_company_receiver;
CREATE INDEX invoice_company_receiver_newest
    ON invoice (company_id, receiver_participant, received_at DESC, id DESC);
CREATE INDEX invoice_company_receiver_oldest ON invoice (company_id, receiver_participant, received_at, id);
CREATE INDEX received_document_company_sender_newest
    ON received_document (company_id, sender_participant, received_at DESC, id DESC);
CREATE INDEX received_document_company_sender_oldest
    ON received_document (company_id, sender_participant, received_at, id);

-- A state and a channel together (such as the delivered invoices that came through the queue), by time of receipt.
CREATE INDEX invoice_company_status_channel_newest
    ON invoice (company_id, status, channel, received_at DESC, id DESC);
CREATE INDEX invoice_company_status_channel_oldest ON invoice (company_id, status, channel, received_at, id);
