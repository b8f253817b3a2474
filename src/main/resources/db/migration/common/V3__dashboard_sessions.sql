-- Signed-in dashboard sessions, shared by every node on the database. Portable SQL (SQLite and PostgreSQL);
-- times are epoch milliseconds.
-- id_hash is the SHA-256 (hex) of the session id in the browser's cookie: the id itself is never stored, so a copy
-- of the database cannot be replayed as a cookie. csrf_token is the anti-forgery token the pages echo on writes;
-- it is worthless without the cookie. last_seen moves at most once a minute per session, expires_at with it.

CREATE TABLE dashboard_sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    user_name  VARCHAR(64) NOT NULL REFERENCES dashboard_users (name) ON DELETE CASCADE,
    csrf_token VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
