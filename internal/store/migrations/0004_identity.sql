-- Agents of the console and what proves who they are. Passwords are
-- argon2id hashes; session tokens, API tokens and recovery codes are
-- stored as SHA-256 hashes. Times are Unix milliseconds, 0 for never.
CREATE TABLE agents (
    id {{id}},
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT 'en',
    open_cap INTEGER NOT NULL DEFAULT 20,
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    totp_secret TEXT NOT NULL DEFAULT '',
    totp_pending TEXT NOT NULL DEFAULT '',
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    failed_signins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX agents_last_seen ON agents (last_seen_at);

CREATE TABLE agent_recovery_codes (
    agent_id BIGINT NOT NULL REFERENCES agents(id),
    code_hash TEXT NOT NULL,
    used_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agent_id, code_hash)
);

CREATE TABLE agent_sessions (
    token_hash TEXT PRIMARY KEY,
    agent_id BIGINT NOT NULL REFERENCES agents(id),
    stage TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);
CREATE INDEX agent_sessions_expires ON agent_sessions (expires_at);

CREATE TABLE api_tokens (
    id {{id}},
    agent_id BIGINT NOT NULL REFERENCES agents(id),
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL DEFAULT 0,
    revoked_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_agent ON api_tokens (agent_id, id);

-- Every agent action. agent_id is 0 when no agent is known (a failed
-- sign-in with an unknown address, the command line).
CREATE TABLE audit_log (
    id {{id}},
    agent_id BIGINT NOT NULL DEFAULT 0,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',
    ip TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_agent ON audit_log (agent_id, id);
CREATE INDEX audit_log_created ON audit_log (created_at);
-- Sign-in throttling counts recent failures per address and per target.
CREATE INDEX audit_log_action_ip ON audit_log (action, ip, created_at);
CREATE INDEX audit_log_action_target ON audit_log (action, target, created_at);
