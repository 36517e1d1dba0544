-- Support requests. Everything a requester wrote is stored redacted; the
-- access token is stored as a SHA-256 hash. Every change is an event row.
CREATE TABLE tickets (
    id {{id}},
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    severity INTEGER NOT NULL,
    category TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    reasons TEXT NOT NULL DEFAULT '[]',
    locale TEXT NOT NULL,
    email TEXT NOT NULL,
    urgent INTEGER NOT NULL DEFAULT 0,
    amount_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
    chain TEXT NOT NULL DEFAULT '',
    tx_hash TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL,
    first_response_due BIGINT NOT NULL,
    first_response_at BIGINT NOT NULL DEFAULT 0,
    sla_policy TEXT NOT NULL DEFAULT '',
    assignee BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX tickets_email ON tickets (email, created_at);
CREATE INDEX tickets_queue ON tickets (status, severity, first_response_due);

CREATE TABLE ticket_messages (
    id {{id}},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    author TEXT NOT NULL,
    agent_id BIGINT NOT NULL DEFAULT 0,
    internal INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    redactions TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE ticket_events (
    id {{id}},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

-- Articles the request form offered while the requester typed, and which
-- of them were opened (self-service deflection).
CREATE TABLE deflections (
    id {{id}},
    slug TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
