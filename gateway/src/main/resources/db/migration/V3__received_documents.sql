-- Documents received from other access points over AS4, stored before the receipt goes back.
-- One row per AS4 message: a message sent again with the same AS4 message ID is stored once.
CREATE TABLE received_document (
    id                    UUID PRIMARY KEY,
    as4_message_id        VARCHAR(300) NOT NULL,
    sbdh_instance_id      VARCHAR(300) NOT NULL,
    sender_participant    VARCHAR(200) NOT NULL,
    receiver_participant  VARCHAR(200) NOT NULL,
    document_type         VARCHAR(500) NOT NULL,
    process               VARCHAR(500) NOT NULL,
    sending_access_point  VARCHAR(200) NOT NULL,   -- the CN of the certificate that signed the message (seat ID)
    document_sha256       VARCHAR(64)  NOT NULL,
    content               BYTEA        NOT NULL,   -- the SBDH-wrapped business document as received
    received_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT received_document_as4_message_once UNIQUE (as4_message_id)
);
CREATE INDEX received_document_receiver ON received_document (receiver_participant, received_at);
