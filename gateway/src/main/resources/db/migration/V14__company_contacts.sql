-- Whom to write to at a company, per role. Written for both H2 and PostgreSQL.
-- A role without a row gets the company's GENERAL address (see company/ContactAddresses).
CREATE TABLE company_contact (
    company_id  UUID         NOT NULL REFERENCES company (id),
    role        VARCHAR(20)  NOT NULL,    -- GENERAL, INVOICING, TECHNICAL, REPORTS, SUPPORT
    email       VARCHAR(320) NOT NULL,
    PRIMARY KEY (company_id, role)
);
