-- Peppol Reporting. One row per successful transmission, sent or received (reports themselves excluded), written in
-- the same transaction as the state that makes it true (an invoice DELIVERED, a received document stored), so none is
-- counted twice or lost. source_id is the invoice or the received document.
CREATE TABLE reporting_item (
    direction          VARCHAR(8)   NOT NULL,   -- SENT or RECEIVED
    source_id          UUID         NOT NULL,
    exchanged_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    own_seat           VARCHAR(50)  NOT NULL,   -- our seat ID (CN of our access-point certificate)
    other_seat         VARCHAR(50)  NOT NULL,   -- the other access point's seat ID
    document_type      VARCHAR(500) NOT NULL,   -- scheme busdox-docid-qns
    process            VARCHAR(500) NOT NULL,   -- scheme cenbii-procid-ubl
    transport_profile  VARCHAR(100) NOT NULL,
    country_c1         VARCHAR(3)   NOT NULL,
    country_c4         VARCHAR(3),              -- received documents only
    end_user           VARCHAR(200) NOT NULL,   -- sent: the sender (C1); received: the receiver (C4)
    PRIMARY KEY (direction, source_id)
);
CREATE INDEX reporting_item_time ON reporting_item (exchanged_at);

-- The monthly reports (TSR and EUSR), one row per month and kind: the unique key lets only one node make each.
-- The row is claimed with FOR UPDATE SKIP LOCKED to build it, and held under a lease (due_at) while it is sent.
CREATE TABLE peppol_report (
    report_month        VARCHAR(7)   NOT NULL,   -- 2026-10
    kind                VARCHAR(8)   NOT NULL,   -- TSR or EUSR
    status              VARCHAR(16)  NOT NULL,   -- PENDING, BUILT, INVALID, SENDING, SENT, FAILED
    status_reason       VARCHAR(4000),
    findings            VARCHAR(100000),         -- the official rules' findings of an INVALID report, one a line
    content             BYTEA,                   -- the report as built
    sbdh_instance_id    VARCHAR(300) NOT NULL,   -- fixed per build: every send attempt reuses them
    as4_message_id      VARCHAR(300) NOT NULL,
    attempts            INT          NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,  -- next work (build, send, retry); while SENDING the lease end
    built_at            TIMESTAMP WITH TIME ZONE,
    sent_at             TIMESTAMP WITH TIME ZONE,
    receiving_ap        VARCHAR(200),
    receipt_message_id  VARCHAR(300),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (report_month, kind)
);
CREATE INDEX peppol_report_due ON peppol_report (status, due_at);
