-- +goose Up
-- Links a staff account to its identity at the authority's OpenID Connect
-- provider. Issuer and subject are the provider's stable key for a person;
-- an account may have several (a provider moved to a new issuer).
CREATE TABLE user_identities (
    authority_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, issuer, subject),
    FOREIGN KEY (authority_id, user_id) REFERENCES users (authority_id, id)
);
CREATE INDEX user_identities_user ON user_identities (authority_id, user_id);

-- +goose Down
DROP TABLE user_identities;
