-- Dashboard sign-in accounts. Portable SQL (SQLite and PostgreSQL); times are epoch milliseconds.
-- password_hash is a PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash): the parameters travel with it.

CREATE TABLE dashboard_users (
    name          VARCHAR(64) PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
