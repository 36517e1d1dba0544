-- Durable background work (a transaction check after a request is
-- created, ...). A job is claimed with a lease: a replica that dies while
-- holding one leaves it to be claimed again when the lease runs out.
CREATE TABLE jobs (
    id {{id}},
    kind TEXT NOT NULL,
    ticket_id BIGINT NOT NULL DEFAULT 0,
    payload TEXT NOT NULL DEFAULT '{}',
    run_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    done_at BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);
