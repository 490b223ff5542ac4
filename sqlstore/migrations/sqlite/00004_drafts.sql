-- +goose Up
-- Unsubmitted applications of signed-in applicants. Not tenant data yet:
-- the authority is decided at submission. The owner leads the key so that
-- every lookup is scoped by it.
CREATE TABLE drafts (
    owner      TEXT NOT NULL,
    id         TEXT NOT NULL,
    service    TEXT NOT NULL,
    data       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    PRIMARY KEY (owner, id)
);
CREATE INDEX drafts_expires ON drafts (expires_at);

-- +goose Down
DROP TABLE drafts;
