-- The monthly report of each company (invoices sent and received in a month). Written for H2 and PostgreSQL.

-- Whether a company wants the report mailed on the first of each month. No row: it does not.
CREATE TABLE monthly_report_setting (
    company_id  UUID PRIMARY KEY REFERENCES company (id),
    enabled     BOOLEAN NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per company and month to mail, made once (the primary key) and claimed with FOR UPDATE SKIP LOCKED, so
-- the report is mailed once however many nodes run the job at the same moment.
CREATE TABLE monthly_report_mail (
    company_id    UUID NOT NULL REFERENCES company (id),
    report_month  VARCHAR(7) NOT NULL,                -- 2026-11 (MONTH is a keyword in H2)
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,  -- the next try; a failed mailing waits before the next
    attempts      INT NOT NULL,
    last_error    VARCHAR(2000),
    sent_to       VARCHAR(2000),
    sent_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (company_id, report_month)
);
CREATE INDEX monthly_report_mail_due ON monthly_report_mail (sent_at, due_at);
