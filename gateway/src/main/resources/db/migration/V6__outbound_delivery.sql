-- Sending accepted invoices over Peppol AS4. One row per invoice, made in the same transaction that accepts it,
-- with the SBDH instance identifier and AS4 message ID fixed before the first attempt: every retry reuses them, so a
-- receiver sees one message however often we try.
CREATE TABLE delivery (
    invoice_id         UUID PRIMARY KEY REFERENCES invoice (id),
    sbdh_instance_id   VARCHAR(300) NOT NULL,
    as4_message_id     VARCHAR(300) NOT NULL,
    done               BOOLEAN      NOT NULL,   -- delivered or given up: nothing more happens by itself
    due_at             TIMESTAMP WITH TIME ZONE NOT NULL,  -- waiting: when to try next; in flight: when the lease ends
    in_flight          BOOLEAN      NOT NULL,
    claimed_by         VARCHAR(100),            -- the node that holds the lease while in flight
    attempts           INT          NOT NULL,
    first_attempt_at   TIMESTAMP WITH TIME ZONE,
    endpoint_url       VARCHAR(1000),           -- the receiving access point, once looked up
    receiving_ap       VARCHAR(200),            -- its seat ID (CN of its certificate)
    receipt_message_id VARCHAR(300),
    receipt            BYTEA,                   -- the signed AS4 receipt as received: the proof of delivery
    delivered_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT delivery_as4_message_once UNIQUE (as4_message_id)
);
CREATE INDEX delivery_due ON delivery (done, due_at);

-- Every attempt with its outcome, for support and the API.
CREATE TABLE delivery_attempt (
    invoice_id    UUID NOT NULL REFERENCES invoice (id),
    attempt       INT  NOT NULL,
    node          VARCHAR(100) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    outcome       VARCHAR(32),
    endpoint_url  VARCHAR(1000),
    error_code    VARCHAR(100),
    detail        VARCHAR(2000),
    PRIMARY KEY (invoice_id, attempt)
);

-- A circuit breaker per receiving access point, shared by every node: after repeated transport failures nothing is
-- sent there until open_until, so one dead access point does not hold up the others.
CREATE TABLE endpoint_circuit (
    endpoint_url          VARCHAR(1000) PRIMARY KEY,
    consecutive_failures  INT NOT NULL,
    open_until            TIMESTAMP WITH TIME ZONE,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
