-- Which rule set and release judged each invoice, e.g. peppol-billing-2026.5.
ALTER TABLE invoice ADD COLUMN ruleset VARCHAR(100);
