-- Portable SQL (SQLite and PostgreSQL). Times are epoch milliseconds; booleans are 0/1; lists and maps are JSON text.

CREATE TABLE meta (
    name  VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (name, value) VALUES ('config_version', '1');

CREATE TABLE clients (
    client_id                  VARCHAR(64) PRIMARY KEY,
    name                       TEXT NOT NULL,
    description                TEXT,
    app_type                   VARCHAR(32),
    grant_types                TEXT NOT NULL,
    token_endpoint_auth_method VARCHAR(32) NOT NULL,
    client_metadata            TEXT NOT NULL,
    is_first_party             INTEGER NOT NULL,
    secret_hash                VARCHAR(128) NOT NULL,
    is_system                  INTEGER NOT NULL,
    extra                      TEXT NOT NULL,
    created_at                 BIGINT NOT NULL,
    updated_at                 BIGINT NOT NULL
);

CREATE TABLE resource_servers (
    id             VARCHAR(64) PRIMARY KEY,
    identifier     VARCHAR(600) NOT NULL UNIQUE,
    name           TEXT,
    scopes         TEXT NOT NULL,
    signing_alg    VARCHAR(16) NOT NULL,
    signing_secret TEXT,
    token_lifetime INTEGER NOT NULL,
    is_system      INTEGER NOT NULL,
    extra          TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

CREATE TABLE client_grants (
    id         VARCHAR(64) PRIMARY KEY,
    client_id  VARCHAR(64) NOT NULL,
    audience   VARCHAR(600) NOT NULL,
    scope      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (client_id, audience)
);
CREATE INDEX client_grants_audience ON client_grants (audience);

CREATE TABLE hooks (
    id           VARCHAR(64) PRIMARY KEY,
    name         VARCHAR(128) NOT NULL UNIQUE,
    script       TEXT NOT NULL,
    trigger_id   VARCHAR(64) NOT NULL,
    enabled      INTEGER NOT NULL,
    dependencies TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE hook_secrets (
    hook_id VARCHAR(64) NOT NULL,
    name    VARCHAR(128) NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (hook_id, name)
);

CREATE TABLE signing_keys (
    kid         VARCHAR(128) PRIMARY KEY,
    alg         VARCHAR(16) NOT NULL,
    public_jwk  TEXT NOT NULL,
    private_jwk TEXT NOT NULL,
    state       VARCHAR(16) NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE log_events (
    log_id      VARCHAR(64) PRIMARY KEY,
    event_date  BIGINT NOT NULL,
    type        VARCHAR(32) NOT NULL,
    description TEXT,
    client_id   VARCHAR(64),
    client_name TEXT,
    audience    TEXT,
    scope       TEXT,
    ip          VARCHAR(64),
    user_agent  TEXT,
    hook_id     VARCHAR(64),
    details     TEXT NOT NULL
);
CREATE INDEX log_events_date ON log_events (event_date);
CREATE INDEX log_events_type ON log_events (type, log_id);
CREATE INDEX log_events_client ON log_events (client_id, log_id);
