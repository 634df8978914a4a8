-- A company's profile, payment details, logo, and the changes that wait for a confirmation by mail.
-- Written for both H2 and PostgreSQL.

ALTER TABLE company ADD COLUMN street VARCHAR(200);
ALTER TABLE company ADD COLUMN postal_code VARCHAR(20);
ALTER TABLE company ADD COLUMN city VARCHAR(100);
-- The language of the mails to the company's contacts (sv, en, is, fi, da).
ALTER TABLE company ADD COLUMN language VARCHAR(2);
UPDATE company SET language = CASE WHEN country = 'SE' THEN 'sv' ELSE 'en' END;

-- Where the company is paid: the bank by name or BIC, the account by number or IBAN. Changed only by a confirmed
-- company_change.
CREATE TABLE company_payment (
    company_id      UUID PRIMARY KEY REFERENCES company (id),
    bank_name       VARCHAR(200),
    bic             VARCHAR(11),
    account_number  VARCHAR(40),
    iban            VARCHAR(34),
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A change of sensitive company data, applied only when the link mailed to the company's general contact is
-- followed, once, before expires_at. Only the SHA-256 of the link's token is kept.
CREATE TABLE company_change (
    id             UUID PRIMARY KEY,
    token_hash     VARCHAR(64)   NOT NULL UNIQUE,
    company_id     UUID          NOT NULL REFERENCES company (id),
    kind           VARCHAR(32)   NOT NULL,   -- PAYMENT_DETAILS, ORGANISATION_NUMBER, GENERAL_CONTACT
    proposed       VARCHAR(2000) NOT NULL,   -- the new values as JSON
    summary        VARCHAR(2000) NOT NULL,   -- old and new, secrets masked, for the mail, the page and the audit
    requested_by   UUID          NOT NULL REFERENCES user_account (id),
    sent_to        VARCHAR(320)  NOT NULL,
    status         VARCHAR(16)   NOT NULL,   -- PENDING, APPLIED, EXPIRED, REPLACED
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX company_change_pending ON company_change (company_id, kind, status);
CREATE INDEX company_change_expiry ON company_change (status, expires_at);

-- The company's logo, already checked and scaled to fit 280 x 90 pixels.
CREATE TABLE company_logo (
    company_id   UUID PRIMARY KEY REFERENCES company (id),
    media_type   VARCHAR(20) NOT NULL,       -- image/png, image/jpeg, image/gif
    content      BYTEA       NOT NULL,
    width        INT         NOT NULL,
    height       INT         NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
