-- +goose Up
-- The authority id leads every key and index of tenant data, so that the
-- schema can be distributed by authority when one server is not enough.

CREATE TABLE authorities (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    ags         text NOT NULL UNIQUE,
    ars         text NOT NULL,
    land        text NOT NULL,
    case_prefix text NOT NULL,
    email       text NOT NULL DEFAULT '',
    phone       text NOT NULL DEFAULT '',
    address     text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL
);

CREATE TABLE authority_services (
    authority_id uuid NOT NULL REFERENCES authorities(id),
    service      text NOT NULL,
    PRIMARY KEY (authority_id, service)
);

CREATE TABLE authority_postal_codes (
    authority_id uuid NOT NULL REFERENCES authorities(id),
    postal_code  text NOT NULL,
    PRIMARY KEY (authority_id, postal_code)
);
CREATE INDEX authority_postal_codes_code ON authority_postal_codes (postal_code);

CREATE TABLE users (
    authority_id  uuid NOT NULL REFERENCES authorities(id),
    id            uuid NOT NULL,
    email         text NOT NULL,
    name          text NOT NULL,
    password_hash text NOT NULL,
    demo          boolean NOT NULL DEFAULT false,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until  timestamptz,
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (authority_id, id)
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE user_roles (
    authority_id uuid NOT NULL,
    user_id      uuid NOT NULL,
    role         text NOT NULL,
    PRIMARY KEY (authority_id, user_id, role),
    FOREIGN KEY (authority_id, user_id) REFERENCES users (authority_id, id)
);

CREATE TABLE case_counters (
    authority_id uuid NOT NULL REFERENCES authorities(id),
    year         integer NOT NULL,
    last         integer NOT NULL,
    PRIMARY KEY (authority_id, year)
);

CREATE TABLE cases (
    authority_id uuid NOT NULL REFERENCES authorities(id),
    id           uuid NOT NULL,
    number       text NOT NULL,
    service      text NOT NULL,
    channel      text NOT NULL,
    received_at  timestamptz NOT NULL,
    status       text NOT NULL,
    version      integer NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (authority_id, id)
);
CREATE UNIQUE INDEX cases_number ON cases (authority_id, number);
CREATE INDEX cases_queue ON cases (authority_id, status, received_at, id);

CREATE TABLE case_actions (
    authority_id uuid NOT NULL,
    case_id      uuid NOT NULL,
    seq          integer NOT NULL,
    id           uuid NOT NULL,
    name         text NOT NULL,
    actor_kind   text NOT NULL,
    actor_id     text NOT NULL,
    at           timestamptz NOT NULL,
    payload      text NOT NULL DEFAULT '{}',
    PRIMARY KEY (authority_id, case_id, seq),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);

CREATE TABLE persons (
    authority_id uuid NOT NULL,
    id           uuid NOT NULL,
    case_id      uuid NOT NULL,
    role         text NOT NULL,
    given_names  text NOT NULL,
    family_name  text NOT NULL,
    birth_date   date,
    nationality  text NOT NULL DEFAULT '',
    position     integer NOT NULL,
    PRIMARY KEY (authority_id, id),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);
CREATE INDEX persons_case ON persons (authority_id, case_id, position);

CREATE TABLE documents (
    authority_id uuid NOT NULL,
    id           uuid NOT NULL,
    case_id      uuid NOT NULL,
    category     text NOT NULL,
    filename     text NOT NULL,
    mime_type    text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    blob_key     text NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (authority_id, id),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);
CREATE INDEX documents_case ON documents (authority_id, case_id, received_at);

CREATE TABLE audit_heads (
    authority_id uuid PRIMARY KEY REFERENCES authorities(id),
    seq          bigint NOT NULL,
    hash         text NOT NULL
);

CREATE TABLE audit_events (
    authority_id uuid NOT NULL REFERENCES authorities(id),
    seq          bigint NOT NULL,
    at           timestamptz NOT NULL,
    actor_kind   text NOT NULL,
    actor_id     text NOT NULL,
    action       text NOT NULL,
    object_type  text NOT NULL,
    object_id    text NOT NULL,
    details      text NOT NULL,
    prev_hash    text NOT NULL,
    hash         text NOT NULL,
    PRIMARY KEY (authority_id, seq)
);

CREATE TABLE accessibility_feedback (
    id      uuid PRIMARY KEY,
    at      timestamptz NOT NULL,
    page    text NOT NULL,
    message text NOT NULL,
    email   text NOT NULL,
    lang    text NOT NULL
);

CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
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
