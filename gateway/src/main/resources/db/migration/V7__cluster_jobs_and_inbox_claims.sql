-- Several gateway nodes on one database. Written for both H2 and PostgreSQL.

-- Scheduled jobs that must run on one node only (housekeeping, certificate warnings, publishing events): the node
-- that holds a job's lease runs it until the lease ends. Taken and renewed with one conditional UPDATE.
CREATE TABLE job_lease (
    name     VARCHAR(100) PRIMARY KEY,
    holder   VARCHAR(100) NOT NULL,          -- the node name (data folder's node-id)
    until    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Files in the shared inbox a node is taking: the first node to insert a file's row takes it; the others skip it.
-- A row is removed a little after its file has left the inbox, or, if its node died, at that node's next start
-- (or by the housekeeping of another node once it is old).
CREATE TABLE inbox_claim (
    file        VARCHAR(2000) PRIMARY KEY,   -- the file's absolute path, the same on every node
    node        VARCHAR(100) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inbox_claim_node ON inbox_claim (node);
