-- Peppol Message Level Status (MLS).

-- As receiving access point (C3): the one MLS per received business document (received_id is unique, so a document
-- is never answered twice), queued until the sender's access point has it. SUPPRESSED: a positive status the sender
-- did not ask for (MLS_TYPE FAILURE_ONLY). Claimed with FOR UPDATE SKIP LOCKED and a lease (due_at) while in flight.
CREATE TABLE mls_outbound (
    id                    UUID PRIMARY KEY,
    received_id           UUID         NOT NULL,
    document_received_at  TIMESTAMP WITH TIME ZONE NOT NULL,   -- when the business document arrived: the SLA starts
    decided_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    response_code         VARCHAR(2)   NOT NULL,               -- AP, AB or RE
    reasons               VARCHAR(2000),                       -- the issues in words, for RE
    referenced_sbdh_id    VARCHAR(300) NOT NULL,               -- the business document's SBDH instance identifier
    mls_to                VARCHAR(200) NOT NULL,               -- the participant the MLS goes to (0242:...)
    sbdh_instance_id      VARCHAR(300) NOT NULL,
    as4_message_id        VARCHAR(300) NOT NULL,
    content               BYTEA        NOT NULL,               -- the ApplicationResponse as built and validated
    status                VARCHAR(16)  NOT NULL,               -- PENDING, SENT, SUPPRESSED
    attempts              INT          NOT NULL,
    due_at                TIMESTAMP WITH TIME ZONE,            -- the next attempt, or the end of the lease in flight
    last_error            VARCHAR(2000),
    receiving_ap          VARCHAR(200),
    sent_at               TIMESTAMP WITH TIME ZONE,
    CONSTRAINT mls_outbound_once_per_document UNIQUE (received_id)
);
CREATE INDEX mls_outbound_due ON mls_outbound (status, due_at);
CREATE INDEX mls_outbound_received ON mls_outbound (document_received_at);

-- As sending access point (C2): every MLS another access point sent us about one of our documents.
CREATE TABLE mls_received (
    id                    UUID PRIMARY KEY,
    as4_message_id        VARCHAR(300) NOT NULL,
    sbdh_instance_id      VARCHAR(300) NOT NULL,
    sender_participant    VARCHAR(200) NOT NULL,
    sending_ap            VARCHAR(200) NOT NULL,
    referenced_sbdh_id    VARCHAR(300) NOT NULL,
    response_code         VARCHAR(2)   NOT NULL,
    reasons               VARCHAR(2000),
    invoice_id            UUID,                                 -- null when it names no invoice of ours
    received_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    content               BYTEA        NOT NULL,
    CONSTRAINT mls_received_as4_once UNIQUE (as4_message_id),
    CONSTRAINT mls_received_sbdh_once UNIQUE (sender_participant, sbdh_instance_id)
);
CREATE INDEX mls_received_invoice ON mls_received (invoice_id);
CREATE INDEX mls_received_reference ON mls_received (referenced_sbdh_id);

-- Delivered invoices that got no MLS within the agreed time: a flag for support, not a state.
CREATE TABLE mls_overdue (
    invoice_id            UUID PRIMARY KEY REFERENCES invoice (id),
    delivered_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    flagged_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
