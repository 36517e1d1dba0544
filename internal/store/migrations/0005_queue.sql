-- The agents' queue lists tickets by severity (S1 first), then first-response
-- due time, then id, and pages by that key. The partial index holds only the
-- statuses the queue shows by default, so the default page is a short walk
-- of a small index whatever the share of solved and closed tickets; the full
-- one serves other status filters in the same order. Queries must spell the
-- status list as literals for both engines to match the partial index.
CREATE INDEX tickets_queue_active ON tickets (severity, first_response_due, id) WHERE status IN ('new', 'open', 'pending');
CREATE INDEX tickets_queue_order ON tickets (severity, first_response_due, id);
-- "Mine" and "unassigned" (assignee 0), in queue order.
CREATE INDEX tickets_queue_assignee ON tickets (assignee, severity, first_response_due, id) WHERE status IN ('new', 'open', 'pending');
-- The status-led index of 0002 would tempt planners into sorting every
-- active ticket; the indexes above replace it.
DROP INDEX tickets_queue;

-- Automatic assignment takes turns: the candidate with the oldest turn gets
-- the next ticket. Kept here so the rotation survives restarts and is shared
-- by replicas.
CREATE TABLE assign_rotation (
    agent_id BIGINT PRIMARY KEY,
    turn BIGINT NOT NULL,
    assigned_at BIGINT NOT NULL
);

-- Canned replies. starter_key names a built-in macro ('' for the team's
-- own), so that the starter set is loaded once and never re-added after a
-- team archived one. Macros are archived, never deleted.
CREATE TABLE macros (
    id {{id}},
    starter_key TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE UNIQUE INDEX macros_starter ON macros (starter_key) WHERE starter_key <> '';

CREATE TABLE macro_bodies (
    macro_id BIGINT NOT NULL REFERENCES macros(id),
    locale TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (macro_id, locale)
);
