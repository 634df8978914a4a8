-- The gateway notices files taken from the outbox folders by reading the documents still there in the order they
-- arrived, going on from where it last stopped, instead of noting on every document when it was last looked at (an
-- update of hundreds of rows every few seconds while customers leave files lying). Valid on H2 and PostgreSQL.
DROP INDEX received_document_available;
CREATE INDEX received_document_status_oldest ON received_document (status, received_at, id);
ALTER TABLE received_document DROP COLUMN pickup_checked_at;
