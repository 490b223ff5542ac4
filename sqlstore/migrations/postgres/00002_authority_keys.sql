-- +goose Up
-- The data keys that encrypt each authority's documents, wrapped with the
-- deployment's master key (see package vault). Never stored unwrapped.
CREATE TABLE authority_keys (
    authority_id uuid NOT NULL REFERENCES authorities(id),
    version      integer NOT NULL,
    wrapped      bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (authority_id, version)
);

-- +goose Down
DROP TABLE authority_keys;
