-- +goose Up
-- The data keys that encrypt each authority's documents, wrapped with the
-- deployment's master key (see package vault). Never stored unwrapped.
CREATE TABLE authority_keys (
    authority_id TEXT NOT NULL REFERENCES authorities(id),
    version      INTEGER NOT NULL,
    wrapped      BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, version)
);

-- +goose Down
DROP TABLE authority_keys;
