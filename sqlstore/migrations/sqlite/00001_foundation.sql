-- +goose Up
-- The authority id leads every key and index of tenant data, so that the
-- schema can be distributed by authority when one server is not enough.

CREATE TABLE authorities (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    ags         TEXT NOT NULL UNIQUE,
    ars         TEXT NOT NULL,
    land        TEXT NOT NULL,
    case_prefix TEXT NOT NULL,
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE authority_services (
    authority_id TEXT NOT NULL REFERENCES authorities(id),
    service      TEXT NOT NULL,
    PRIMARY KEY (authority_id, service)
);

CREATE TABLE authority_postal_codes (
    authority_id TEXT NOT NULL REFERENCES authorities(id),
    postal_code  TEXT NOT NULL,
    PRIMARY KEY (authority_id, postal_code)
);
CREATE INDEX authority_postal_codes_code ON authority_postal_codes (postal_code);

CREATE TABLE users (
    authority_id  TEXT NOT NULL REFERENCES authorities(id),
    id            TEXT NOT NULL,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    demo          INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP,
    last_login_at TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, id)
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE user_roles (
    authority_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    PRIMARY KEY (authority_id, user_id, role),
    FOREIGN KEY (authority_id, user_id) REFERENCES users (authority_id, id)
);

CREATE TABLE case_counters (
    authority_id TEXT NOT NULL REFERENCES authorities(id),
    year         INTEGER NOT NULL,
    last         INTEGER NOT NULL,
    PRIMARY KEY (authority_id, year)
);

CREATE TABLE cases (
    authority_id TEXT NOT NULL REFERENCES authorities(id),
    id           TEXT NOT NULL,
    number       TEXT NOT NULL,
    service      TEXT NOT NULL,
    channel      TEXT NOT NULL,
    received_at  TIMESTAMP NOT NULL,
    status       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, id)
);
CREATE UNIQUE INDEX cases_number ON cases (authority_id, number);
CREATE INDEX cases_queue ON cases (authority_id, status, received_at, id);

CREATE TABLE case_actions (
    authority_id TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    actor_kind   TEXT NOT NULL,
    actor_id     TEXT NOT NULL,
    at           TIMESTAMP NOT NULL,
    payload      TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (authority_id, case_id, seq),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);

CREATE TABLE persons (
    authority_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    given_names  TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    birth_date   DATE,
    nationality  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL,
    PRIMARY KEY (authority_id, id),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);
CREATE INDEX persons_case ON persons (authority_id, case_id, position);

CREATE TABLE documents (
    authority_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    category     TEXT NOT NULL,
    filename     TEXT NOT NULL,
    mime_type    TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    blob_key     TEXT NOT NULL,
    received_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, id),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);
CREATE INDEX documents_case ON documents (authority_id, case_id, received_at);

CREATE TABLE audit_heads (
    authority_id TEXT PRIMARY KEY REFERENCES authorities(id),
    seq          INTEGER NOT NULL,
    hash         TEXT NOT NULL
);

CREATE TABLE audit_events (
    authority_id TEXT NOT NULL REFERENCES authorities(id),
    seq          INTEGER NOT NULL,
    at           TIMESTAMP NOT NULL,
    actor_kind   TEXT NOT NULL,
    actor_id     TEXT NOT NULL,
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    details      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    PRIMARY KEY (authority_id, seq)
);

CREATE TABLE accessibility_feedback (
    id      TEXT PRIMARY KEY,
    at      TIMESTAMP NOT NULL,
    page    TEXT NOT NULL,
    message TEXT NOT NULL,
    email   TEXT NOT NULL,
    lang    TEXT NOT NULL
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
DROP TABLE accessibility_feedback;
DROP TABLE audit_events;
DROP TABLE audit_heads;
DROP TABLE documents;
DROP TABLE persons;
DROP TABLE case_actions;
DROP TABLE cases;
DROP TABLE case_counters;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE authority_postal_codes;
DROP TABLE authority_services;
DROP TABLE authorities;
