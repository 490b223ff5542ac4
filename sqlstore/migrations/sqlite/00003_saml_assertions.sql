-- +goose Up
-- Assertion ids of BundID responses already used, until they expire: a
-- response is accepted once (replay protection across instances).
CREATE TABLE saml_assertions (
    id         TEXT PRIMARY KEY,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX saml_assertions_expires ON saml_assertions (expires_at);

-- +goose Down
DROP TABLE saml_assertions;
