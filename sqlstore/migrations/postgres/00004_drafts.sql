-- +goose Up
-- Unsubmitted applications of signed-in applicants. Not tenant data yet:
-- the authority is decided at submission. The owner leads the key so that
-- every lookup is scoped by it.
CREATE TABLE drafts (
    owner      TEXT NOT NULL,
    id         uuid NOT NULL,
    service    TEXT NOT NULL,
    data       TEXT NOT NULL,
    version    integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (owner, id)
);
CREATE INDEX drafts_expires ON drafts (expires_at);

-- +goose Down
DROP TABLE drafts;
