-- The recipient directory: which companies receive over Peppol, what the SML knows, looked-up parties, and each
-- company's customer register with its imports. Written for both H2 and PostgreSQL.

-- A participant of ours registered as a recipient: published in our SMP (its document types are in
-- accepted_document_type) and in the SML. A participant that is not here receives nothing.
CREATE TABLE recipient_participant (
    participant    VARCHAR(200) PRIMARY KEY REFERENCES company_participant (participant),
    company_id     UUID NOT NULL REFERENCES company (id),
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX recipient_participant_company ON recipient_participant (company_id);

-- Every company that receives something today was registered before this table existed.
INSERT INTO recipient_participant (participant, company_id, registered_at)
SELECT p.participant, p.company_id, MIN(a.added_at)
FROM company_participant p JOIN accepted_document_type a ON a.participant = p.participant
GROUP BY p.participant, p.company_id;

-- The SML of the local network: what our SMP has registered there, so that a lookup tells registered from not,
-- as the DNS of the Peppol SML does.
CREATE TABLE local_sml_participant (
    participant    VARCHAR(200) PRIMARY KEY,
    smp_id         VARCHAR(200) NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO local_sml_participant (participant, smp_id, registered_at)
SELECT participant, 'local-smp', registered_at FROM recipient_participant;

-- Answers of party lookups, shared by every node until expires_at.
CREATE TABLE party_lookup_cache (
    participant  VARCHAR(200) PRIMARY KEY,
    answer       VARCHAR(100000) NOT NULL,   -- the answer as JSON
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX party_lookup_cache_expires ON party_lookup_cache (expires_at);

-- A company's customers, one row per country and organisation number; importing again updates them.
CREATE TABLE customer (
    id            UUID PRIMARY KEY,
    company_id    UUID NOT NULL REFERENCES company (id),
    country       VARCHAR(2)   NOT NULL,
    org_number    VARCHAR(64)  NOT NULL,
    name          VARCHAR(300) NOT NULL,
    email         VARCHAR(300),
    address       VARCHAR(1000),
    participant   VARCHAR(200),             -- the Peppol participant ID, when it receives over Peppol
    reachability  VARCHAR(16)  NOT NULL,    -- PEPPOL, EMAIL, UNKNOWN
    reason        VARCHAR(2000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT customer_once UNIQUE (company_id, country, org_number)
);
CREATE INDEX customer_company_name ON customer (company_id, name);

-- An uploaded customer register, imported in the background by whichever node claims it.
CREATE TABLE customer_import (
    id            UUID PRIMARY KEY,
    company_id    UUID NOT NULL REFERENCES company (id),
    file_name     VARCHAR(500),
    file_kind     VARCHAR(8)   NOT NULL,    -- CSV, XLSX
    content       BYTEA        NOT NULL,
    status        VARCHAR(16)  NOT NULL,    -- QUEUED, RUNNING, DONE, FAILED
    detail        VARCHAR(2000),
    total_rows    INT,
    rows_done     INT NOT NULL,
    peppol_rows   INT NOT NULL,
    email_rows    INT NOT NULL,
    unknown_rows  INT NOT NULL,
    invalid_rows  INT NOT NULL,
    claimed_by    VARCHAR(100),
    lease_until   TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX customer_import_status ON customer_import (status, lease_until);

-- The outcome of each row of an import, by the line of the file it came from.
CREATE TABLE customer_import_row (
    import_id    UUID NOT NULL REFERENCES customer_import (id),
    line         INT  NOT NULL,
    outcome      VARCHAR(16) NOT NULL,      -- PEPPOL, EMAIL, UNKNOWN, INVALID
    name         VARCHAR(300),
    org_number   VARCHAR(64),
    country      VARCHAR(8),
    participant  VARCHAR(200),
    reason       VARCHAR(2000),
    PRIMARY KEY (import_id, line)
);
