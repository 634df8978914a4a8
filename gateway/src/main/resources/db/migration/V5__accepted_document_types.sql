-- What each participant of ours receives: the (document type, process) pairs our SMP publishes for it, and what
-- AS4 receiving accepts. Identifiers are stored as Peppol writes them, scheme and value apart; participants lower case.
CREATE TABLE accepted_document_type (
    participant           VARCHAR(200) NOT NULL REFERENCES company_participant (participant),
    document_type_scheme  VARCHAR(100) NOT NULL,   -- busdox-docid-qns
    document_type         VARCHAR(500) NOT NULL,   -- e.g. urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##...
    process_scheme        VARCHAR(100) NOT NULL,   -- cenbii-procid-ubl
    process               VARCHAR(500) NOT NULL,   -- e.g. urn:fdc:peppol.eu:2017:poacc:billing:01:1.0
    added_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (participant, document_type_scheme, document_type, process_scheme, process)
);
